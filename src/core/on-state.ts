/**
 * Handlers for state boundary events: `*StateEntered` opens a visit (a new branch when it
 * follows `ParallelStateStarted`), `*StateExited` closes the open visit of that name
 * (CAUGHT when its last inner event was a failure), `EvaluationFailed` marks a failure.
 * @internal
 */
import type { HistoryEvent } from '../model/execution.js';
import type { ParallelBranch, StateVisit, ThreadPosition } from '../model/tree.js';
import { ROOT_CONTAINER } from '../model/tree.js';
import { failureOf, recordFailure } from './attempts.js';
import type { BuildContext } from './build-context.js';
import {
  addNode,
  closeAttempt,
  closeOpenBelow,
  containerOf,
  currentRun,
  inRedrive,
  latestAttempt,
  reopen,
  setStatus,
  visitOf,
} from './build-context.js';
import { stateTypeOf } from './event-kinds.js';
import { findUp, liveContainer, reopenableVisit, resolveVisit } from './resolve.js';

/** onStateEntered opens a visit. @internal */
export function onStateEntered(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const name = event.details?.name ?? '';
  const container = enteredContainer(ctx, event, prev, name);
  const visit = createVisit(ctx, container, event, name);
  return { container, visit: visit.id };
}

function enteredContainer(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition, name: string): string {
  const owner = prev.marker === true ? visitOf(ctx, prev.visit) : undefined;
  if (owner?.stateType === 'Parallel') return branchFor(ctx, owner, name, event).id;
  // A state entered afresh right after a redrive continues where the failed visit of that name was.
  const failed = prev.redrive === true ? reopenableVisit(ctx, (v) => v.name === name) : undefined;
  return liveContainer(ctx, failed === undefined ? prev.container : containerOf(failed));
}

function branchFor(ctx: BuildContext, parallel: StateVisit, firstState: string, event: HistoryEvent): ParallelBranch {
  // A branch only starts from ParallelStateStarted, so the Parallel visit has an attempt.
  const attempt = parallel.attempts;
  for (const id of inRedrive(ctx.tree) ? ctx.tree.reopenable : []) {
    const node = ctx.tree.nodes.get(id);
    const same = node?.kind === 'branch' && node.parentId === parallel.id && node.attempt === attempt;
    if (same && node.firstState === firstState) {
      reopen(ctx, node);
      return node;
    }
  }
  const run = currentRun(ctx.tree);
  const branch: ParallelBranch = {
    kind: 'branch',
    id: `${parallel.id}.a${attempt}.b${event.id}`,
    parentId: parallel.id,
    seq: event.id,
    status: 'RUNNING',
    runs: [{ run, status: 'RUNNING' }],
    attempt,
    firstState,
    visitCounts: {},
    tips: [],
  };
  addNode(ctx, branch);
  return branch;
}

function createVisit(ctx: BuildContext, container: string, event: HistoryEvent, name: string): StateVisit {
  const holder = container === ROOT_CONTAINER ? ctx.tree.root : ctx.tree.nodes.get(container);
  const counts = holder !== undefined && 'visitCounts' in holder ? holder.visitCounts : {};
  const ordinal = (Object.hasOwn(counts, name) ? Number(counts[name]) : 0) + 1;
  Object.defineProperty(counts, name, { value: ordinal, enumerable: true, writable: true, configurable: true });
  const visit: StateVisit = {
    kind: 'visit',
    id: container === ROOT_CONTAINER ? `v${event.id}` : `${container}.v${event.id}`,
    parentId: container === ROOT_CONTAINER ? null : container,
    seq: event.id,
    status: 'RUNNING',
    runs: [{ run: currentRun(ctx.tree), status: 'RUNNING' }],
    name,
    stateType: stateTypeOf(event.type),
    enteredEventId: event.id,
    enteredAt: event.timestamp,
    exitedEventId: null,
    exitedAt: null,
    ordinal,
    attempts: 0,
    failures: [],
    lastInnerFailed: false,
    containerAttempts: [],
    closedTips: [],
  };
  addNode(ctx, visit);
  return visit;
}

/** onStateExited closes the open visit with the event's state name. @internal */
export function onStateExited(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const name = event.details?.name ?? '';
  const visit = resolveVisit(ctx, prev, (v) => v.name === name);
  if (visit === undefined) return { container: prev.container, visit: null };
  visit.exitedEventId = event.id;
  visit.exitedAt = event.timestamp;
  const status = visit.lastInnerFailed ? 'CAUGHT' : 'SUCCEEDED';
  closeOpenBelow(ctx, visit.id, status === 'CAUGHT' ? 'ABORTED' : 'SUCCEEDED');
  const attempt = latestAttempt(visit);
  if (attempt !== undefined) closeAttempt(ctx, attempt);
  setStatus(ctx, visit, status);
  return { container: containerOf(visit), visit: visit.id };
}

/** onEvaluationFailed records a JSONata evaluation failure on the visit it happened in. @internal */
export function onEvaluationFailed(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const visit = findUp(ctx, prev, () => true);
  if (visit === undefined) return { container: prev.container, visit: null };
  recordFailure(ctx, visit, failureOf(event), null);
  return { container: containerOf(visit), visit: visit.id };
}
