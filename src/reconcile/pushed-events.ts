/**
 * How a round uses events pushed through CloudWatch Logs (reconcile/apply-log-batch.ts) in
 * place of Step Functions' answers, when they are enough:
 *
 * - pushedContinuation: the pushed events continue the tracked cursor without a gap (ids are
 *   1, 2, 3 … with no hole, docs/step-functions-signals.md#history-events), so they ARE the
 *   history the round would read; otherwise the round reads history (budgeted) to repair the gap.
 * - pushedDescription: what DescribeExecution would say, from the ARN, the meta row and the
 *   records, so a round with pushed events needs no Step Functions call at all. Only for
 *   Standard executions (not Map Run children, whose description carries their Map Run) whose
 *   start is known.
 */
import { END_STATUS } from '../core/on-execution.js';
import type { ExecutionDescription, HistoryEvent } from '../model/execution.js';
import { parseExecutionArn } from '../model/execution-arn.js';
import type { ExecutionMeta } from '../ports.js';
import type { PushedEvents } from './deps.js';

/**
 * pushedContinuation returns the pushed events after `cursor` when they continue it without a
 * gap ([] when nothing new was pushed and no forward history read is under way), or undefined
 * when history must be read: a gap, or a forward read (`forwardToken`) with nothing pushed beyond it.
 */
export function pushedContinuation(
  pushed: PushedEvents,
  cursor: number,
  forwardToken: string | undefined,
): readonly HistoryEvent[] | undefined {
  const fresh = pushed.events.filter((event) => event.id > cursor);
  if (fresh.length === 0) return forwardToken === undefined ? [] : undefined;
  const contiguous = fresh.every((event, index) => event.id === cursor + 1 + index);
  return contiguous ? fresh : undefined;
}

/** pushedDescription synthesizes the execution's description, or undefined when only DescribeExecution can say. */
export function pushedDescription(meta: ExecutionMeta, pushed: PushedEvents): ExecutionDescription | undefined {
  const arn = parseExecutionArn(meta.executionArn);
  if (arn?.kind !== 'standard') return undefined;
  const started = pushed.events.find((event) => event.type === 'ExecutionStarted');
  const startDate = started?.timestamp ?? meta.startDate;
  if (startDate === undefined) return undefined;
  const redriveCount = Math.max(meta.redriveCount, pushed.redriveCount);
  const base = { executionArn: meta.executionArn, stateMachineArn: arn.stateMachineArn, name: arn.name, startDate, redriveCount };
  const end = pushed.events.findLast((event) => event.redriveCount === redriveCount && END_STATUS[event.type] !== undefined);
  if (end !== undefined) {
    return {
      ...base,
      status: END_STATUS[end.type] ?? 'FAILED',
      stopDate: end.timestamp,
      error: end.details?.error,
      cause: end.details?.cause,
    };
  }
  // Nothing of this run's end was pushed: the row's status stands if it is of this run (an
  // ended run stays ended until a redrive, which raises the count), else the run is going on.
  const status = meta.redriveCount === redriveCount && meta.status !== undefined ? meta.status : 'RUNNING';
  return { ...base, status };
}
