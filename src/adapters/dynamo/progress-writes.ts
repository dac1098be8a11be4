/**
 * What one round writes on the meta row, and the bound that keeps that row small.
 */
import { TrackingStoreError } from '../../errors.js';
import type { MetaProgress } from '../../ports.js';
import { OPEN_SHARD } from './rows.js';

/** MAX_CHECKPOINT_BYTES bounds the serialized checkpoint (UTF-8) so the meta row stays well under DynamoDB's 400 KB item limit. */
export const MAX_CHECKPOINT_BYTES = 350 * 1024;

/** progressWrites lists the SET/REMOVE actions and values that store one round's progress on the meta row. @internal */
export function progressWrites(progress: MetaProgress, now: number): { set: string[]; remove: string[]; values: Record<string, unknown> } {
  const set = [
    '#cursor = :cursor',
    '#status = :status',
    '#redriveCount = :redriveCount',
    '#stateMachineArn = :stateMachineArn',
    '#startDate = :startDate',
    '#lastSyncedAt = :now',
  ];
  const remove: string[] = [];
  const values: Record<string, unknown> = {
    ':cursor': progress.cursor,
    ':status': progress.status,
    ':redriveCount': progress.redriveCount,
    ':stateMachineArn': progress.stateMachineArn,
    ':startDate': progress.startDate,
    ':now': now,
  };
  if (progress.checkpoint === undefined) remove.push('#checkpoint');
  else {
    set.push('#checkpoint = :checkpoint');
    values[':checkpoint'] = progress.checkpoint;
  }
  if (progress.historyToken === undefined) remove.push('#historyToken');
  else {
    set.push('#historyToken = :historyToken');
    values[':historyToken'] = progress.historyToken;
  }
  if (progress.expressState === undefined) remove.push('#expressState');
  else {
    set.push('#expressState = :expressState');
    values[':expressState'] = progress.expressState;
  }
  if (progress.heldEvents === undefined) remove.push('#heldEvents');
  else {
    set.push('#heldEvents = :heldEvents');
    values[':heldEvents'] = progress.heldEvents;
  }
  // openShard present ⇔ the execution is in the sparse sweep index.
  if (progress.open) {
    set.push('#openShard = :openShard');
    values[':openShard'] = OPEN_SHARD;
  } else remove.push('#openShard');
  return { set, remove, values };
}

/** assertCheckpointFits refuses, before any write, a checkpoint the meta row cannot hold. @internal */
export function assertCheckpointFits(executionArn: string, checkpoint: string | undefined): void {
  if (checkpoint === undefined) return;
  const bytes = Buffer.byteLength(checkpoint, 'utf8');
  // A history token is a few hundred bytes: the margin to the 400 KB item limit holds it.
  if (bytes <= MAX_CHECKPOINT_BYTES) return;
  throw new TrackingStoreError(
    `The checkpoint of ${executionArn} is ${bytes} bytes, over the ${MAX_CHECKPOINT_BYTES}-byte limit of the tracking ` +
      "table's meta row (DynamoDB items are capped at 400 KB). Nothing was saved. The checkpoint should hold only the " +
      'open part of the tree; report this execution so the checkpoint format can be bounded.',
    { retryable: false },
  );
}
