/**
 * syntheticLambdaContext is the Lambda context an operator command gives a handler it runs in
 * its own process: the function's name and a deadline as long as the function's timeout, so
 * the handler's soft deadline works as in Lambda.
 */
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
    awsRequestId: `operator-${now()}`,
    logGroupName: 'operator',
    logStreamName: 'operator',
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
