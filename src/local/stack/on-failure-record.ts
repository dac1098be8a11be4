/**
 * onFailureRecord is what Lambda's on-failure destination sends to the dead-letter queue when
 * an asynchronous invocation failed every try (serverless.yml: onExecutionEvent's
 * `destinations.onFailure`): the event untouched in `requestPayload`, why Lambda gave up in
 * `requestContext`, the last error in `responsePayload`. The local stack sends the same to its
 * SQS stub, so `replay-dlq` meets locally what it meets in AWS.
 */
import { randomUUID } from 'node:crypto';
import { LambdaInvokeError } from './lambda-invoker.js';
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

/** DeadLetter sends one on-failure record to the dead-letter queue. */
export type DeadLetter = (record: Record<string, unknown>) => Promise<void>;

/**
 * deadLetterNote sends `event`'s on-failure record to `deadLetter` (when there is one) and
 * returns the sentence that says where it went, for the warning about the failure.
 */
export async function deadLetterNote(
  options: { readonly deadLetter?: DeadLetter | undefined; readonly functionName: string; readonly region?: string | undefined },
  event: unknown,
  attempts: number,
  error: unknown,
): Promise<string> {
  if (options.deadLetter === undefined) return '';
  const reason = error instanceof Error ? error.message : String(error);
  const functionError = (error instanceof LambdaInvokeError ? error.functionError : undefined) ?? { errorType: (error as Error).name, errorMessage: reason };
  const record = onFailureRecord({ event, functionName: options.functionName, region: options.region ?? 'eu-west-1', attempts, error: functionError });
  return options.deadLetter(record).then(
    () => ' It is in the dead-letter queue (ovirt-pipeline-jobs replay-dlq).',
    (cause: unknown) => ` It could not be put in the dead-letter queue either: ${(cause as Error).message}.`,
  );
}
