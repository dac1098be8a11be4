/**
 * The failed part of a Map or Parallel visit: the failed or aborted iterations/branches of its
 * latest attempt and the failed or aborted visits inside them, recursively. A redrive reruns
 * exactly these (docs/step-functions-signals.md#redriven-history), and a run failure can still blame one of them, so they are
 * kept while their Map/Parallel visit is open and become reopenable when the run fails.
 * @internal
 */
import type { StateVisit, TreeNode } from '../model/tree.js';
import { ROOT_CONTAINER } from '../model/tree.js';

const ENDED_BADLY: ReadonlySet<string> = new Set(['FAILED', 'ABORTED', 'TIMED_OUT']);

/** endedBadly tells whether a status is FAILED, ABORTED or TIMED_OUT. @internal */
export const endedBadly = (status: string): boolean => ENDED_BADLY.has(status);

/** childrenIndex groups nodes by parent id (ROOT_CONTAINER for top-level visits), in seq order. @internal */
export function childrenIndex(nodes: Iterable<TreeNode>): Map<string, TreeNode[]> {
  const index = new Map<string, TreeNode[]>();
  for (const node of nodes) {
    const key = node.parentId ?? ROOT_CONTAINER;
    const list = index.get(key);
    if (list === undefined) index.set(key, [node]);
    else list.push(node);
  }
  for (const list of index.values()) list.sort((a, b) => a.seq - b.seq);
  return index;
}

/** addFailedPart adds the ids of the failed part of `visit` to `out`. @internal */
export function addFailedPart(visit: StateVisit, children: ReadonlyMap<string, TreeNode[]>, out: Set<string>): void {
  const attempt = visit.containerAttempts.at(-1)?.attempt;
  for (const container of children.get(visit.id) ?? []) {
    if (container.kind === 'visit' || container.attempt !== attempt || !endedBadly(container.status)) continue;
    out.add(container.id);
    for (const inner of children.get(container.id) ?? []) {
      if (inner.kind !== 'visit' || !endedBadly(inner.status)) continue;
      out.add(inner.id);
      addFailedPart(inner, children, out);
    }
  }
}
