/**
 * What a checkpoint keeps of a tree. A closed subtree that can never change again was
 * mirrored already (the reconciler saves a checkpoint only after applying everything desired
 * from the tree it came from), so it is dropped. Kept: open nodes, nodes a redrive may reopen,
 * the failed part of open Map/Parallel visits (a run failure may still blame or reopen it),
 * all their ancestors, and the thread positions future events can point at:
 *
 * ```text
 * open thread (root/iteration/branch)  → its last TIP_COUNT events
 * kept Map/Parallel visit              → the *StateStarted marker of its latest attempt
 * closed iteration/branch              → its last events, folded onto the owning visit
 *                                        (next iteration with MaxConcurrency, *StateSucceeded/Exited)
 * current run                          → its ExecutionStarted/ExecutionRedriven event
 * ```
 * @internal
 */
import type { ExecutionTree, ThreadPosition, TreeNode } from '../model/tree.js';
import { ROOT_CONTAINER } from '../model/tree.js';
import { isContainerState } from './event-kinds.js';
import { addFailedPart, childrenIndex } from './failed-part.js';

/** keptNodeIds returns the ids of the nodes a checkpoint keeps. @internal */
export function keptNodeIds(tree: ExecutionTree): Set<string> {
  const keep = new Set<string>();
  const keepWithAncestors = (start: TreeNode | undefined): void => {
    for (let node = start; node !== undefined && !keep.has(node.id); node = tree.nodes.get(node.parentId ?? '')) {
      keep.add(node.id);
    }
  };
  for (const node of tree.nodes.values()) {
    if (node.status === 'RUNNING' || tree.reopenable.has(node.id)) keepWithAncestors(node);
  }
  const children = childrenIndex(tree.nodes.values());
  const failed = new Set<string>();
  for (const id of keep) {
    const node = tree.nodes.get(id);
    if (node?.kind === 'visit' && node.status === 'RUNNING' && isContainerState(node.stateType)) {
      addFailedPart(node, children, failed);
    }
  }
  for (const id of failed) keepWithAncestors(tree.nodes.get(id));
  return keep;
}

/** keptPositions returns the thread positions a checkpoint keeps, by event id. @internal */
export function keptPositions(tree: ExecutionTree, keep: ReadonlySet<string>): Map<number, ThreadPosition> {
  const out = new Map<number, ThreadPosition>();
  const put = (id: number, pos: ThreadPosition | undefined): void => {
    if (pos === undefined) return;
    const visit = pos.visit !== null && keep.has(pos.visit) ? pos.visit : null;
    out.set(id, { container: pos.container, visit, marker: pos.marker, redrive: pos.redrive });
  };
  for (const id of tree.root.tips) put(id, tree.scope.get(id));
  const runStart = tree.runs.at(-1)?.startedEventId;
  if (runStart !== undefined) put(runStart, tree.scope.get(runStart));
  for (const node of tree.nodes.values()) {
    if (!keep.has(node.id)) continue;
    if (node.kind !== 'visit') {
      for (const tip of node.tips) put(tip, tree.scope.get(tip));
      continue;
    }
    const own: ThreadPosition = { container: node.parentId ?? ROOT_CONTAINER, visit: node.id };
    for (const tip of node.closedTips) {
      const pos = tree.scope.get(tip);
      if (!out.has(tip)) put(tip, pos !== undefined && keep.has(pos.container) ? pos : own);
    }
    const attempt = node.containerAttempts.at(-1);
    if (attempt !== undefined) put(attempt.startedEventId, { ...own, marker: true });
  }
  return out;
}
