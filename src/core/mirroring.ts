/**
 * Which nodes become steps, and which step carries the reason of a failed run. Visits of state
 * types not in `mirroredStateTypes` have no step, and neither has anything inside them (the
 * children of an unmirrored Map or Parallel are not mirrored); iterations with an index at or
 * above `maxMapIterations` are summarised instead of mirrored.
 * @internal
 */
import type { MappingConfig } from '../model/mapping.js';
import type { ExecutionTree, RunInfo, TreeNode } from '../model/tree.js';

/** isMirroredType tells whether visits of a state type become steps. @internal */
export const isMirroredType = (stateType: string, mapping: MappingConfig): boolean =>
  mapping.mirroredStateTypes === 'all' || mapping.mirroredStateTypes.has(stateType);

function isMirroredNode(node: TreeNode, mapping: MappingConfig): boolean {
  if (node.kind === 'visit') return isMirroredType(node.stateType, mapping);
  return node.kind === 'branch' || node.index < mapping.maxMapIterations;
}

/**
 * BlameTarget says where the reason of a failed run is shown: on a node's step, on a
 * job-level step, or nowhere (run not failed, or its blamed visit was mirrored and pruned
 * long ago).
 * @internal
 */
export type BlameTarget = { readonly kind: 'none' } | { readonly kind: 'job' } | { readonly kind: 'node'; readonly id: string };

/**
 * blameTargetOf finds the step that shows why `run` failed: the blamed visit, or its nearest
 * mirrored ancestor when the blamed visit has no step of its own; the job itself when nothing
 * is to blame or nothing on the way up is mirrored.
 * @internal
 */
export function blameTargetOf(tree: ExecutionTree, run: RunInfo, mapping: MappingConfig): BlameTarget {
  if (run.status !== 'FAILED') return { kind: 'none' };
  if (run.blamedVisitId === null) return { kind: 'job' };
  const chain: TreeNode[] = [];
  for (let node = tree.nodes.get(run.blamedVisitId); node !== undefined; node = tree.nodes.get(node.parentId ?? '')) {
    chain.unshift(node);
  }
  if (chain.length === 0) return { kind: 'none' };
  let target: TreeNode | undefined;
  for (const node of chain) {
    if (!isMirroredNode(node, mapping)) break;
    target = node;
  }
  return target === undefined ? { kind: 'job' } : { kind: 'node', id: target.id };
}
