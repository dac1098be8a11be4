/**
 * Finding the visit an event belongs to (docs/step-functions-signals.md#rebuilding-the-tree): an event continues the thread of
 * its `previousEventId`; "from p upward" means the visit touched at p, the open visits of p's
 * container, then the Map/Parallel visit owning that container, and so on to the top. When
 * that finds nothing, any open visit that fits is taken, and after a redrive a visit closed by
 * the failed run is reopened (docs/step-functions-signals.md#redriven-history).
 * @internal
 */
import type { StateVisit, ThreadPosition } from '../model/tree.js';
import { ROOT_CONTAINER } from '../model/tree.js';
import type { BuildContext } from './build-context.js';
import { containerOf, inRedrive, openChildrenOf, reopen, visitOf } from './build-context.js';

/** ROOT_POSITION is the position of events of the top-level thread. @internal */
export const ROOT_POSITION: ThreadPosition = Object.freeze({ container: ROOT_CONTAINER, visit: null });

/** positionOf returns where event `id` belonged; unknown ids resolve to the top level. @internal */
export function positionOf(ctx: BuildContext, id: number): ThreadPosition {
  return ctx.tree.scope.get(id) ?? ROOT_POSITION;
}

type VisitTest = (visit: StateVisit) => boolean;

const isOpen = (visit: StateVisit | undefined): visit is StateVisit => visit?.status === 'RUNNING';

/** findUp looks for an open visit passing `test` from `pos` upward. @internal */
export function findUp(ctx: BuildContext, pos: ThreadPosition, test: VisitTest): StateVisit | undefined {
  const touched = visitOf(ctx, pos.visit);
  if (isOpen(touched) && test(touched)) return touched;
  let container = pos.container;
  for (;;) {
    const found = openChildrenOf(ctx, container).find((n) => n.kind === 'visit' && test(n));
    if (found?.kind === 'visit') return found;
    if (container === ROOT_CONTAINER) return undefined;
    const owner = visitOf(ctx, ctx.tree.nodes.get(container)?.parentId);
    if (owner === undefined) return undefined;
    if (isOpen(owner) && test(owner)) return owner;
    container = containerOf(owner);
  }
}

function newestVisit(ctx: BuildContext, ids: Iterable<string>, test: VisitTest): StateVisit | undefined {
  let best: StateVisit | undefined;
  for (const id of ids) {
    const visit = visitOf(ctx, id);
    if (visit !== undefined && test(visit) && (best === undefined || visit.seq > best.seq)) best = visit;
  }
  return best;
}

/** anyOpenVisit returns the newest open visit passing `test`. @internal */
export function anyOpenVisit(ctx: BuildContext, test: VisitTest): StateVisit | undefined {
  return newestVisit(ctx, [...ctx.openChildren.values()].flatMap((ids) => [...ids]), test);
}

/**
 * reopenableVisit returns the visit closed by the last failed run that passes `test`,
 * preferring the one blamed for that failure, else the newest. Only during a redrive run.
 * @internal
 */
export function reopenableVisit(ctx: BuildContext, test: VisitTest): StateVisit | undefined {
  if (!inRedrive(ctx.tree)) return undefined;
  const blamed = visitOf(ctx, ctx.tree.runs.at(-2)?.blamedVisitId);
  if (blamed !== undefined && ctx.tree.reopenable.has(blamed.id) && test(blamed)) return blamed;
  return newestVisit(ctx, ctx.tree.reopenable, test);
}

/** resolveVisit finds the open visit an event belongs to, reopening one after a redrive if needed. @internal */
export function resolveVisit(ctx: BuildContext, pos: ThreadPosition, test: VisitTest): StateVisit | undefined {
  const found = findUp(ctx, pos, test) ?? anyOpenVisit(ctx, test);
  if (found !== undefined) return found;
  const closed = reopenableVisit(ctx, test);
  if (closed !== undefined) reopen(ctx, closed);
  return closed;
}

/**
 * liveContainer returns the nearest container at or above `container` that can take a new
 * visit: a running one, one a redrive reopens, or the top level.
 * @internal
 */
export function liveContainer(ctx: BuildContext, container: string): string {
  let id = container;
  while (id !== ROOT_CONTAINER) {
    const node = ctx.tree.nodes.get(id);
    if (node === undefined) return ROOT_CONTAINER;
    if (node.status === 'RUNNING') return id;
    if (ctx.tree.reopenable.has(id) && inRedrive(ctx.tree)) {
      reopen(ctx, node);
      return id;
    }
    const owner = visitOf(ctx, node.parentId);
    id = owner === undefined ? ROOT_CONTAINER : containerOf(owner);
  }
  return ROOT_CONTAINER;
}
