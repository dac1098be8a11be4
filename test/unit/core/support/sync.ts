/**
 * syncInBatches plays a history through the pure core the way the reconciler does: build the
 * tree from the saved checkpoint and the new events, compute desired state, plan against the
 * rows, apply, then save the checkpoint (serialized and parsed back between batches).
 */
import { buildTree, checkpointOf, parseCheckpoint, serializeCheckpoint } from '../../../../src/core/build-tree.js';
import type { DesiredContext } from '../../../../src/core/desired.js';
import { desiredState } from '../../../../src/core/desired.js';
import { plan } from '../../../../src/core/plan.js';
import type { HistoryEvent } from '../../../../src/model/execution.js';
import type { TreeCheckpoint } from '../../../../src/model/tree.js';
import { Mirror } from './mirror.js';

/** SyncResult is the mirrored end state and the size of every checkpoint saved on the way. */
export interface SyncResult {
  readonly mirror: Mirror;
  readonly checkpointSizes: number[];
  /** Plans computed right after applying a plan (must all be empty). */
  readonly leftovers: number;
}

/** splitAt cuts events into consecutive batches at the given (sorted, distinct) positions. */
export function splitAt<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < items.length), items.length];
  return bounds.slice(1).map((end, i) => items.slice(bounds[i], end));
}

/** syncInBatches syncs the batches one after the other. */
export function syncInBatches(batches: readonly (readonly HistoryEvent[])[], ctx: DesiredContext): SyncResult {
  const mirror = new Mirror();
  const checkpointSizes: number[] = [];
  let checkpoint: TreeCheckpoint | undefined;
  let leftovers = 0;
  for (const batch of batches) {
    const tree = buildTree(batch, checkpoint);
    const desired = desiredState(tree, ctx);
    mirror.apply(plan(desired, mirror.recorded));
    leftovers += plan(desired, mirror.recorded).length;
    const text = serializeCheckpoint(checkpointOf(tree));
    checkpointSizes.push(text.length);
    checkpoint = parseCheckpoint(text);
  }
  return { mirror, checkpointSizes, leftovers };
}
