/**
 * Handlers for execution events: runs start (ExecutionStarted, ExecutionRedriven) and end
 * (Succeeded/Failed/TimedOut/Aborted). Ending a run closes every open node with the run's
 * status (docs/step-functions-signals.md#retries-and-failures: a stop may come with no abort event at all), names the visit to
 * blame for a failure, and remembers what a redrive may reopen (docs/step-functions-signals.md#redriven-history).
 * @internal
 */
import type { HistoryEvent } from '../model/execution.js';
import type { NodeStatus, RunInfo, RunStatus, StateVisit, ThreadPosition } from '../model/tree.js';
import { ROOT_CONTAINER } from '../model/tree.js';
import { isFailing } from './attempts.js';
import type { BuildContext } from './build-context.js';
import { closeOpenBelow, visitOf } from './build-context.js';
import { isContainerState } from './event-kinds.js';
import { addFailedPart, childrenIndex } from './failed-part.js';
import { anyOpenVisit, ROOT_POSITION } from './resolve.js';

/** END_STATUS maps the event that ends a run to the run's status. */
export const END_STATUS: Readonly<Record<string, RunStatus & NodeStatus>> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

function newRun(run: number, startedEventId: number): RunInfo {
  return { run, status: 'RUNNING', startedEventId, endedEventId: null, error: null, cause: null, blamedVisitId: null };
}

/** ensureRun makes sure run 0 exists (a history read from the middle still has one). @internal */
export function ensureRun(ctx: BuildContext, event: HistoryEvent): RunInfo {
  const runs = ctx.tree.runs;
  const last = runs.at(-1);
  if (last !== undefined) return last;
  const first = newRun(0, event.id);
  runs.push(first);
  return first;
}

/** onExecutionStarted opens run 0. @internal */
export function onExecutionStarted(ctx: BuildContext, event: HistoryEvent): ThreadPosition {
  ensureRun(ctx, event);
  return ROOT_POSITION;
}

/** onExecutionRedriven opens run n (`redriveCount`). @internal */
export function onExecutionRedriven(ctx: BuildContext, event: HistoryEvent): ThreadPosition {
  const last = ensureRun(ctx, event);
  const run = event.details?.redriveCount ?? last.run + 1;
  if (run > last.run) ctx.tree.runs.push(newRun(run, event.id));
  return { container: ROOT_CONTAINER, visit: null, redrive: true };
}

/** onExecutionEnded ends the current run and closes everything still open. @internal */
export function onExecutionEnded(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const run = ensureRun(ctx, event);
  if (run.status !== 'RUNNING') return ROOT_POSITION;
  const status = END_STATUS[event.type] ?? 'FAILED';
  const blamed = status === 'FAILED' ? blameFor(ctx, prev) : undefined;
  const closedNow = [...ctx.openChildren.values()].flatMap((ids) => [...ids]);
  closeOpenBelow(ctx, ROOT_CONTAINER, status);
  Object.assign(run, {
    status,
    endedEventId: event.id,
    error: event.details?.error ?? null,
    cause: event.details?.cause ?? null,
    blamedVisitId: blamed?.id ?? null,
  });
  ctx.tree.reopenable = status === 'SUCCEEDED' ? new Set() : reopenableAfter(ctx, closedNow);
  return ROOT_POSITION;
}

/**
 * blameFor finds the visit whose failure failed the run: the one the failure event points at
 * (a Task whose failure went uncaught, a Fail state), else the newest open failing visit; a
 * failed Map/Parallel hands the blame down to the inner visit that failed it.
 */
function blameFor(ctx: BuildContext, prev: ThreadPosition): StateVisit | undefined {
  const touched = visitOf(ctx, prev.visit);
  let blamed = touched !== undefined && isFailing(touched) ? touched : anyOpenVisit(ctx, isFailing);
  for (let inner = innerSource(ctx, blamed); inner !== undefined; inner = innerSource(ctx, blamed)) blamed = inner;
  return blamed;
}

function innerSource(ctx: BuildContext, visit: StateVisit | undefined): StateVisit | undefined {
  if (visit === undefined || !isContainerState(visit.stateType)) return undefined;
  return visitOf(ctx, visit.failures.at(-1)?.source);
}

function reopenableAfter(ctx: BuildContext, closedNow: readonly string[]): Set<string> {
  const reopenable = new Set(closedNow);
  const children = childrenIndex(ctx.tree.nodes.values());
  for (const id of closedNow) {
    const visit = visitOf(ctx, id);
    if (visit !== undefined && isContainerState(visit.stateType)) addFailedPart(visit, children, reopenable);
  }
  return reopenable;
}
