/**
 * makeOnExecutionEventHandler wires the EventBridge "Step Functions Execution Status Change"
 * handler: validate the event, apply the allow-list, reconcile the execution. A malformed
 * event throws EventValidationError before anything reaches oVirt; Lambda's retries then end
 * it in the dead-letter queue.
 */
import type { Context } from 'aws-lambda';
import { parseStatusChange } from '../events/status-change.js';
import { executionLogKeys } from '../middleware/execution-log-keys.js';
import type { Outcome } from '../model/outcome.js';
import { reconcileExecution } from '../reconcile/reconcile-execution.js';
import type { Runtime } from '../runtime/runtime.js';
import { handlerStack, invocationDeps } from './handler-stack.js';

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
    return reconcileExecution(request.executionArn, invocationDeps(runtime, context), signal);
  };
  return handlerStack(runtime, base, executionLogKeys(runtime.logger));
}
