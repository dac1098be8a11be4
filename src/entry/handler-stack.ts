/**
 * What every function of the service shares around its own work: the middleware, in one order,
 * and the dependencies of one invocation (the oVirt password the middleware read, the soft
 * deadline from the Lambda context). Each handler adds only what is its own.
 */
import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { OVIRT_PASSWORD_KEY, ovirtPassword } from '../middleware/ovirt-password.js';
import { outcomeLogger } from '../middleware/outcome-logger.js';
import type { ReconcileDeps } from '../reconcile/deps.js';
import type { Runtime } from '../runtime/runtime.js';
import { softDeadline } from './soft-deadline.js';

/** BaseHandler is a function's own work, called with the request's abort signal. */
export type BaseHandler<TResult> = (event: unknown, context: Context, request: { signal: AbortSignal }) => Promise<TResult>;

/**
 * handlerStack wraps `base` in the service's middleware. `logKeys` (optional) adds keys to every
 * log line and runs right after the Lambda context is injected.
 */
export function handlerStack<TResult>(runtime: Runtime, base: BaseHandler<TResult>, logKeys?: MiddlewareObj) {
  // injectLambdaContext first: its onError runs last, so the failure line still has the keys.
  // logEvent: false whatever POWERTOOLS_LOGGER_LOG_EVENT says — events and log records hold execution input and output.
  const handler = middy(base).use(injectLambdaContext(runtime.logger, { resetKeys: true, logEvent: false }));
  if (logKeys !== undefined) handler.use(logKeys);
  return handler
    .use(ovirtPassword({ secret: runtime.config.ovirt.passwordSecret, read: runtime.readPassword }))
    .use(outcomeLogger(runtime.log, runtime.counters))
    .use(logMetrics(runtime.metrics));
}

/** invocationDeps are the reconciler's dependencies for one invocation: the runtime's, the password, the soft deadline. */
export function invocationDeps(runtime: Runtime, context: Context): ReconcileDeps {
  const password = (context as Context & { [OVIRT_PASSWORD_KEY]?: string })[OVIRT_PASSWORD_KEY];
  return { ...runtime.deps(password), remainingMs: softDeadline(context, runtime.config.deadlineMarginSeconds) };
}
