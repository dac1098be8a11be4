/**
 * Handlers for the Map/Parallel events that are not about one iteration (docs/step-functions-signals.md#retries-and-failures,
 * #map-and-distributed-map): `*StateStarted` starts an attempt (a marker later iterations/branches start from),
 * `*StateSucceeded|Failed|Aborted` ends it, `MapRun*` carry the Distributed Map run.
 * @internal
 */
import type { HistoryEvent } from '../model/execution.js';
import type { Failure, StateVisit, ThreadPosition } from '../model/tree.js';
import { beginAttempt, failureOf, hasText, isFailing, lastFailureOf, recordFailure } from './attempts.js';
import type { BuildContext } from './build-context.js';
import {
  closeAttempt,
  closeOpenBelow,
  containerOf,
  currentRun,
  latestAttempt,
  newAttempt,
  openChildrenOf,
  setStatus,
  visitOf,
} from './build-context.js';
import { resolveVisit } from './resolve.js';

const stateTypeOfEvent = (type: string): 'Map' | 'Parallel' => (type.startsWith('Map') ? 'Map' : 'Parallel');

const visitPosition = (visit: StateVisit): ThreadPosition => ({ container: containerOf(visit), visit: visit.id });

/** onContainerStarted starts a Map/Parallel attempt. @internal */
export function onContainerStarted(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const stateType = stateTypeOfEvent(event.type);
  const visit = resolveVisit(ctx, prev, (v) => v.stateType === stateType);
  if (visit === undefined) return { container: prev.container, visit: null };
  beginAttempt(ctx, visit);
  const length = event.details?.length ?? null;
  visit.containerAttempts.push(newAttempt(visit.attempts, event.id, currentRun(ctx.tree), length));
  return { ...visitPosition(visit), marker: true };
}

/** onContainerEnded ends the current Map/Parallel attempt. @internal */
export function onContainerEnded(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const stateType = stateTypeOfEvent(event.type);
  const visit = resolveVisit(ctx, prev, (v) => v.stateType === stateType);
  if (visit === undefined) return { container: prev.container, visit: null };
  const attempt = latestAttempt(visit);
  if (event.type.endsWith('Failed')) failContainer(ctx, visit, event, prev);
  else {
    closeOpenBelow(ctx, visit.id, event.type.endsWith('Succeeded') ? 'SUCCEEDED' : 'ABORTED');
    visit.lastInnerFailed = false;
  }
  if (attempt !== undefined) closeAttempt(ctx, attempt);
  return visitPosition(visit);
}

function failContainer(ctx: BuildContext, visit: StateVisit, event: HistoryEvent, prev: ThreadPosition): void {
  const inner =
    visit.stateType === 'Parallel' ? failBranches(ctx, visit, prev) : (latestAttempt(visit)?.innerFailure ?? null);
  if (visit.stateType === 'Map') closeOpenBelow(ctx, visit.id, 'ABORTED');
  const own = failureOf(event);
  const failure: Failure = hasText(own) || inner === null ? own : inner;
  recordFailure(ctx, visit, failure, inner?.source ?? null);
}

/**
 * failBranches closes the branches of a failed Parallel attempt: the branch holding the
 * failing visit FAILED, branches with a state still running ABORTED, finished ones SUCCEEDED.
 */
function failBranches(ctx: BuildContext, parallel: StateVisit, prev: ThreadPosition): (Failure & { source: string }) | null {
  const failing = failingVisitBelow(ctx, parallel, prev);
  for (const branch of openChildrenOf(ctx, parallel.id)) {
    const busy = openChildrenOf(ctx, branch.id).length > 0;
    const holdsFailing = failing !== undefined && failing.parentId === branch.id;
    closeOpenBelow(ctx, branch.id, 'ABORTED', (n) => (n.id === failing?.id ? 'FAILED' : 'ABORTED'));
    setStatus(ctx, branch, holdsFailing ? 'FAILED' : busy ? 'ABORTED' : 'SUCCEEDED');
  }
  return failing === undefined ? null : { ...lastFailureOf(failing), source: failing.id };
}

function failingVisitBelow(ctx: BuildContext, parallel: StateVisit, prev: ThreadPosition): StateVisit | undefined {
  const touched = visitOf(ctx, prev.visit);
  const branches = openChildrenOf(ctx, parallel.id);
  const branchIds = new Set<string | null>(branches.map((b) => b.id));
  if (touched !== undefined && isFailing(touched) && branchIds.has(touched.parentId)) return touched;
  for (const branch of branches) {
    const found = openChildrenOf(ctx, branch.id).find((n) => n.kind === 'visit' && isFailing(n));
    if (found?.kind === 'visit') return found;
  }
  return undefined;
}

/** onMapRun records the Distributed Map run of the current attempt and its outcome. @internal */
export function onMapRun(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const visit = resolveVisit(ctx, prev, (v) => v.stateType === 'Map');
  if (visit === undefined) return { container: prev.container, visit: null };
  const attempt = latestAttempt(visit);
  const arn = event.details?.mapRunArn;
  if (attempt !== undefined && arn !== undefined) attempt.mapRunArn = arn;
  if (event.type === 'MapRunFailed') recordFailure(ctx, visit, failureOf(event), null);
  if (event.type === 'MapRunSucceeded') visit.lastInnerFailed = false;
  return visitPosition(visit);
}
