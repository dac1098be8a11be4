/**
 * syntheticLambdaContext is the Lambda context a handler gets when it runs in a process of ours
 * instead of Lambda (the operator command, `npm run invoke`, the tests): the function's name and
 * a deadline as long as the function's timeout, so the handler's soft deadline works as in Lambda.
 * The one builder of such a context: every in-process caller uses it.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** syntheticLambdaContext returns a context for `functionName` with `timeoutMs` from now. */
export function syntheticLambdaContext(functionName: string, timeoutMs: number, now: () => number = Date.now): Context {
  const deadline = now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'in-process',
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
