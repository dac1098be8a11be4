/**
 * onFailureRecord is what Lambda's on-failure destination sends to the dead-letter queue when
 * an asynchronous invocation failed every try (serverless.yml: onExecutionEvent's
 * `destinations.onFailure`): the event untouched in `requestPayload`, why Lambda gave up in
 * `requestContext`, the last error in `responsePayload`. The local stack sends the same to its
 * SQS stub, so `replay-dlq` meets locally what it meets in AWS.
 */
import { randomUUID } from 'node:crypto';
import type { FunctionError } from './lambda-invoker.js';

/** onFailureRecord builds the record for `event` after `attempts` failed tries of `functionName`. */
export function onFailureRecord(input: {
  readonly event: unknown;
  readonly functionName: string;
  readonly region: string;
  readonly attempts: number;
  readonly error: FunctionError;
  readonly at?: Date | undefined;
}): Record<string, unknown> {
  return {
    version: '1.0',
    timestamp: (input.at ?? new Date()).toISOString(),
    requestContext: {
      requestId: randomUUID(),
      functionArn: `arn:aws:lambda:${input.region}:000000000000:function:${input.functionName}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: input.attempts,
    },
    requestPayload: input.event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: input.error,
  };
}
