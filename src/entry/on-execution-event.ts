/**
 * makeOnExecutionEventHandler wires the EventBridge "Step Functions Execution Status Change"
 * handler: validate the event, apply the allow-list, reconcile the execution. A malformed
 * event throws EventValidationError before anything reaches oVirt; Lambda's retries then end
 * it in the dead-letter queue.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parseStatusChange } from '../events/status-change.js';
import { OVIRT_PASSWORD_KEY, ovirtPassword } from '../middleware/ovirt-password.js';
import { outcomeLogger } from '../middleware/outcome-logger.js';
import type { Outcome } from '../model/outcome.js';
import { withKeys } from '../model/telemetry.js';
import { reconcileExecution } from '../reconcile/reconcile-execution.js';
import type { Runtime } from '../runtime/runtime.js';
import { softDeadline } from './soft-deadline.js';

/** makeOnExecutionEventHandler returns the middy handler for `runtime`. */
export function makeOnExecutionEventHandler(runtime: Runtime) {
  const base = async (event: unknown, context: Context, { signal }: { signal: AbortSignal }): Promise<Outcome> => {
    runtime.counters.count('EventsReceived');
    const request = parseStatusChange(event);
    const log = withKeys(runtime.log, { executionArn: request.executionArn, eventId: request.eventId });
    if (!runtime.accepts(request.stateMachineArn)) {
      log.info('State machine is not in STATE_MACHINE_ARNS; event ignored', { stateMachineArn: request.stateMachineArn });
      return { kind: 'converged', executionArn: request.executionArn, actions: 0 };
    }
    const password = (context as Context & { [OVIRT_PASSWORD_KEY]?: string })[OVIRT_PASSWORD_KEY];
    const remainingMs = softDeadline(context, runtime.config.deadlineMarginSeconds);
    return reconcileExecution(request.executionArn, { ...runtime.deps(password), log, remainingMs }, signal);
  };
  return middy(base)
    .use(ovirtPassword({ secret: runtime.config.ovirt.passwordSecret, region: runtime.config.region }))
    .use(outcomeLogger(runtime.log, runtime.counters))
    .use(logMetrics(runtime.metrics));
}
