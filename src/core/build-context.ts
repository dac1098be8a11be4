/**
 * BuildContext is the mutable working state of one buildTree call: the tree being built plus
 * an index of open nodes by parent, so that lookups stay proportional to what is open rather
 * than to the history length. The index is rebuilt from the nodes on every call and never
 * serialized.
 * @internal
 */
import type { ContainerAttempt, ExecutionTree, NodeStatus, StateVisit, TreeNode } from '../model/tree.js';
import { ROOT_CONTAINER } from '../model/tree.js';

/** BuildContext is the tree plus its open-node index. @internal */
export interface BuildContext {
  readonly tree: ExecutionTree;
  /** Open nodes by parent id (ROOT_CONTAINER for top-level visits). */
  readonly openChildren: Map<string, Set<string>>;
}

/** TIP_COUNT is how many last event ids of each thread are kept. @internal */
export const TIP_COUNT = 3;

/** CLOSED_TIPS_MAX bounds the remembered last events of closed iterations/branches per Map/Parallel visit. @internal */
export const CLOSED_TIPS_MAX = 96;

/** newContext indexes the open nodes of `tree`. @internal */
export function newContext(tree: ExecutionTree): BuildContext {
  const ctx: BuildContext = { tree, openChildren: new Map() };
  for (const node of tree.nodes.values()) if (node.status === 'RUNNING') markOpen(ctx, node);
  return ctx;
}

/** parentKeyOf is the openChildren key of a node's parent. @internal */
export const parentKeyOf = (node: TreeNode): string => node.parentId ?? ROOT_CONTAINER;

function markOpen(ctx: BuildContext, node: TreeNode): void {
  const key = parentKeyOf(node);
  let set = ctx.openChildren.get(key);
  if (set === undefined) ctx.openChildren.set(key, (set = new Set()));
  set.add(node.id);
}

function markClosed(ctx: BuildContext, node: TreeNode): void {
  const set = ctx.openChildren.get(parentKeyOf(node));
  set?.delete(node.id);
  if (set?.size === 0) ctx.openChildren.delete(parentKeyOf(node));
}

/** openChildrenOf lists the open children of a parent id, newest first. @internal */
export function openChildrenOf(ctx: BuildContext, parentId: string): TreeNode[] {
  const ids = ctx.openChildren.get(parentId);
  if (ids === undefined) return [];
  const nodes = [...ids].map((id) => ctx.tree.nodes.get(id)).filter((n): n is TreeNode => n !== undefined);
  return nodes.sort((a, b) => b.seq - a.seq);
}

/** currentRun is the run new events belong to. @internal */
export const currentRun = (tree: ExecutionTree): number => tree.runs.at(-1)?.run ?? 0;

/** inRedrive tells whether a redrive run is under way (nodes of the failed run may reopen). @internal */
export function inRedrive(tree: ExecutionTree): boolean {
  return tree.runs.length > 1 && tree.runs.at(-1)?.status === 'RUNNING';
}

/** visitOf returns the visit with this id, if present. @internal */
export function visitOf(ctx: BuildContext, id: string | null | undefined): StateVisit | undefined {
  const node = id ? ctx.tree.nodes.get(id) : undefined;
  return node?.kind === 'visit' ? node : undefined;
}

/** containerOf is the container id a visit lives in. @internal */
export const containerOf = (visit: StateVisit): string => visit.parentId ?? ROOT_CONTAINER;

/** latestAttempt is the current attempt of a Map/Parallel visit. @internal */
export const latestAttempt = (visit: StateVisit): ContainerAttempt | undefined => visit.containerAttempts.at(-1);

/** newAttempt returns a fresh attempt record. @internal */
export function newAttempt(attempt: number, startedEventId: number, run: number, length: number | null): ContainerAttempt {
  return {
    attempt,
    startedEventId,
    runs: [run],
    closed: false,
    length,
    mapRunArn: null,
    maxIndex: -1,
    counts: { running: 0, succeeded: 0, failed: 0, aborted: 0 },
    finalCounts: [],
    innerFailure: null,
  };
}

/** addNode registers a new RUNNING node. @internal */
export function addNode(ctx: BuildContext, node: TreeNode): void {
  ctx.tree.nodes.set(node.id, node);
  if (node.kind === 'iteration') countIteration(ctx, node, null, 'RUNNING');
  markOpen(ctx, node);
}

/** setStatus changes a node's status in the current run, keeping counters and the index in step. @internal */
export function setStatus(ctx: BuildContext, node: TreeNode, status: NodeStatus): void {
  if (node.status === status) return;
  if (node.kind === 'iteration') countIteration(ctx, node, node.status, status);
  node.status = status;
  const last = node.runs.at(-1);
  if (last !== undefined) last.status = status;
  if (status === 'RUNNING') markOpen(ctx, node);
  else {
    markClosed(ctx, node);
    if (node.kind !== 'visit') rememberClosedTips(ctx, node.parentId, node.tips);
  }
}

/** rememberClosedTips keeps a closed thread's last events on its owner, bounded. @internal */
export function rememberClosedTips(ctx: BuildContext, ownerId: string | null, ids: readonly number[]): void {
  const owner = visitOf(ctx, ownerId);
  if (owner === undefined) return;
  owner.closedTips.push(...ids);
  if (owner.closedTips.length > CLOSED_TIPS_MAX) owner.closedTips.splice(0, owner.closedTips.length - CLOSED_TIPS_MAX);
}

type CountKey = 'running' | 'succeeded' | 'failed' | 'aborted';
const COUNT_KEY: Record<NodeStatus, CountKey> = {
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  CAUGHT: 'succeeded',
  FAILED: 'failed',
  ABORTED: 'aborted',
  TIMED_OUT: 'aborted',
};

function countIteration(ctx: BuildContext, node: TreeNode & { kind: 'iteration' }, from: NodeStatus | null, to: NodeStatus): void {
  const owner = visitOf(ctx, node.parentId);
  const attempt = owner?.containerAttempts.find((a) => a.attempt === node.attempt);
  if (attempt === undefined) return;
  if (from !== null) attempt.counts[COUNT_KEY[from]] -= 1;
  attempt.counts[COUNT_KEY[to]] += 1;
}

/**
 * reopen makes a node closed by a failed run RUNNING again in the current run, together with
 * its ancestors (a redriven Task reopens its iteration and its Map visit).
 * @internal
 */
export function reopen(ctx: BuildContext, node: TreeNode): void {
  if (node.status === 'RUNNING') return;
  const parent = node.parentId === null ? undefined : ctx.tree.nodes.get(node.parentId);
  if (parent !== undefined) reopen(ctx, parent);
  const run = currentRun(ctx.tree);
  if (node.runs.at(-1)?.run !== run) node.runs.push({ run, status: node.status });
  setStatus(ctx, node, 'RUNNING');
  ctx.tree.reopenable.delete(node.id);
  if (node.kind !== 'visit') return;
  node.exitedEventId = null;
  node.exitedAt = null;
  // The failure that ended the previous run is not this run's last inner event.
  node.lastInnerFailed = false;
  const attempt = latestAttempt(node);
  if (attempt !== undefined) {
    attempt.closed = false;
    if (!attempt.runs.includes(run)) attempt.runs.push(run);
  }
}

/** closeAttempt marks a Map/Parallel attempt ended and records its final counts for the run. @internal */
export function closeAttempt(ctx: BuildContext, attempt: ContainerAttempt): void {
  if (attempt.closed) return;
  attempt.closed = true;
  const run = currentRun(ctx.tree);
  attempt.finalCounts = attempt.finalCounts.filter((c) => c.run !== run);
  attempt.finalCounts.push({ run, ...attempt.counts });
}

/**
 * closeOpenBelow closes every open descendant of `parentId` (depth first), giving `status`
 * to all of them except those `pick` decides otherwise for.
 * @internal
 */
export function closeOpenBelow(
  ctx: BuildContext,
  parentId: string,
  status: NodeStatus,
  pick: (node: TreeNode) => NodeStatus = () => status,
): void {
  for (const child of openChildrenOf(ctx, parentId)) {
    closeOpenBelow(ctx, child.id, status, pick);
    if (child.kind === 'visit') {
      const attempt = latestAttempt(child);
      if (attempt !== undefined) closeAttempt(ctx, attempt);
    }
    setStatus(ctx, child, pick(child));
  }
}
