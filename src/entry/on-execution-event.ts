/**
 * makeOnExecutionEventHandler wires the EventBridge "Step Functions Execution Status Change"
 * handler: validate the event, apply the allow-list, reconcile the execution. A malformed
 * event throws EventValidationError before anything reaches oVirt; Lambda's retries then end
 * it in the dead-letter queue.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parseStatusChange } from '../events/status-change.js';
import { executionLogKeys } from '../middleware/execution-log-keys.js';
import { OVIRT_PASSWORD_KEY, ovirtPassword } from '../middleware/ovirt-password.js';
import { outcomeLogger } from '../middleware/outcome-logger.js';
import type { Outcome } from '../model/outcome.js';
import { reconcileExecution } from '../reconcile/reconcile-execution.js';
import type { Runtime } from '../runtime/runtime.js';
import { softDeadline } from './soft-deadline.js';

/** makeOnExecutionEventHandler returns the middy handler for `runtime`. */
export function makeOnExecutionEventHandler(runtime: Runtime) {
  const base = async (event: unknown, context: Context, { signal }: { signal: AbortSignal }): Promise<Outcome> => {
    runtime.counters.count('EventsReceived');
    const request = parseStatusChange(event);
    // Every log line already carries executionArn and eventId (executionLogKeys) and the Lambda context.
    if (!runtime.accepts(request.stateMachineArn)) {
      runtime.log.info('State machine is not in STATE_MACHINE_ARNS; event ignored', { stateMachineArn: request.stateMachineArn });
      return { kind: 'converged', executionArn: request.executionArn, actions: 0 };
    }
    const password = (context as Context & { [OVIRT_PASSWORD_KEY]?: string })[OVIRT_PASSWORD_KEY];
    const remainingMs = softDeadline(context, runtime.config.deadlineMarginSeconds);
    return reconcileExecution(request.executionArn, { ...runtime.deps(password), remainingMs }, signal);
  };
  // injectLambdaContext first: its onError runs last, so the failure line still has the keys.
  // logEvent: false whatever POWERTOOLS_LOGGER_LOG_EVENT says — the event holds the execution's input.
  return middy(base)
    .use(injectLambdaContext(runtime.logger, { resetKeys: true, logEvent: false }))
    .use(executionLogKeys(runtime.logger))
    .use(ovirtPassword({ secret: runtime.config.ovirt.passwordSecret, read: runtime.readPassword }))
    .use(outcomeLogger(runtime.log, runtime.counters))
    .use(logMetrics(runtime.metrics));
}
