/**
 * Handlers for Map iteration events (docs/step-functions-signals.md#retries-and-failures, #rebuilding-the-tree). An iteration is identified by
 * (Map visit, attempt, index); `name` in the event is the Map state's name. A redrive that
 * reruns a failed iteration reopens it rather than creating a second one.
 * @internal
 */
import type { HistoryEvent } from '../model/execution.js';
import type { MapIteration, StateVisit, ThreadPosition } from '../model/tree.js';
import { isFailing, lastFailureOf } from './attempts.js';
import type { BuildContext } from './build-context.js';
import {
  addNode,
  closeOpenBelow,
  currentRun,
  latestAttempt,
  newAttempt,
  openChildrenOf,
  reopen,
  setStatus,
  visitOf,
} from './build-context.js';
import { resolveVisit } from './resolve.js';

const isMapNamed = (name: string | undefined) => (v: StateVisit) =>
  v.stateType === 'Map' && (name === undefined || v.name === name);

/** onIterationStarted opens (or, after a redrive, reopens) an iteration. @internal */
export function onIterationStarted(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const name = event.details?.name;
  const marked = prev.marker === true ? visitOf(ctx, prev.visit) : undefined;
  const map =
    marked?.status === 'RUNNING' && isMapNamed(name)(marked) ? marked : resolveVisit(ctx, prev, isMapNamed(name));
  if (map === undefined) return { container: prev.container, visit: null };
  let attempt = latestAttempt(map);
  if (attempt === undefined) {
    // No MapStateStarted seen: count this as the first attempt rather than losing the iteration.
    map.attempts = 1;
    attempt = newAttempt(1, event.id, currentRun(ctx.tree), null);
    map.containerAttempts.push(attempt);
  }
  const index = event.details?.index ?? 0;
  const id = `${map.id}.a${attempt.attempt}.i${index}`;
  const existing = ctx.tree.nodes.get(id);
  if (existing === undefined) addNode(ctx, newIteration(id, map, attempt.attempt, index, event.id, currentRun(ctx.tree)));
  else reopen(ctx, existing);
  attempt.maxIndex = Math.max(attempt.maxIndex, index);
  return { container: id, visit: null };
}

function newIteration(id: string, map: StateVisit, attempt: number, index: number, seq: number, run: number): MapIteration {
  return {
    kind: 'iteration',
    id,
    parentId: map.id,
    seq,
    status: 'RUNNING',
    runs: [{ run, status: 'RUNNING' }],
    attempt,
    index,
    visitCounts: {},
    tips: [],
  };
}

/** onIterationEnded closes an iteration as SUCCEEDED, FAILED or ABORTED. @internal */
export function onIterationEnded(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const map = resolveVisit(ctx, prev, isMapNamed(event.details?.name));
  const attempt = map === undefined ? undefined : latestAttempt(map);
  const id = `${map?.id}.a${attempt?.attempt}.i${event.details?.index ?? 0}`;
  const iteration = ctx.tree.nodes.get(id);
  if (attempt === undefined || iteration?.kind !== 'iteration') return { container: prev.container, visit: null };
  if (event.type === 'MapIterationSucceeded') {
    closeOpenBelow(ctx, iteration.id, 'SUCCEEDED');
    setStatus(ctx, iteration, 'SUCCEEDED');
  } else if (event.type === 'MapIterationFailed') {
    const failing = failingVisitIn(ctx, iteration, prev);
    closeOpenBelow(ctx, iteration.id, 'ABORTED', (n) => (n.id === failing?.id ? 'FAILED' : 'ABORTED'));
    attempt.innerFailure ??= failing === undefined ? null : { ...lastFailureOf(failing), source: failing.id };
    setStatus(ctx, iteration, 'FAILED');
  } else {
    closeOpenBelow(ctx, iteration.id, 'ABORTED');
    setStatus(ctx, iteration, 'ABORTED');
  }
  return { container: iteration.id, visit: null };
}

function failingVisitIn(ctx: BuildContext, iteration: MapIteration, prev: ThreadPosition): StateVisit | undefined {
  const touched = visitOf(ctx, prev.visit);
  if (touched !== undefined && touched.parentId === iteration.id && isFailing(touched)) return touched;
  const found = openChildrenOf(ctx, iteration.id).find((n) => n.kind === 'visit' && isFailing(n));
  return found?.kind === 'visit' ? found : undefined;
}
