/**
 * The per-state-machine cap on mirrored Express executions, as a counter on the meta row of
 * one cap window (its key is not an execution ARN): the first `cap` new executions of the
 * window are admitted by a conditional ADD; every later one is counted in `notMirrored`, and
 * the same write puts the window row in the sweep index, due when the window is over, so the
 * sweep writes one summary job for it (reconcile/express/cap-summary.ts).
 */
import type { ExpressAdmission } from '../../ports.js';
import { writeMeta } from './lease.js';
import { OPEN_SHARD } from './rows.js';
import type { TableCall } from './table-call.js';
import { unlessConditionFails } from './table-call.js';

/** countExpressExecution admits one execution in the window, or counts it over the cap. @internal */
export async function countExpressExecution(
  call: TableCall,
  windowKey: string,
  cap: number,
  dueAt: number,
  expiresAtEpochSeconds: number,
): Promise<ExpressAdmission> {
  const admitted = await unlessConditionFails(
    writeMeta(call, windowKey, {
      add: ['#admitted :one'],
      set: ['#expiresAt = if_not_exists(#expiresAt, :expires)'],
      condition: 'attribute_not_exists(#admitted) OR #admitted < :cap',
      values: { ':one': 1, ':cap': cap, ':expires': expiresAtEpochSeconds },
    }).then(() => true),
    false,
  );
  if (admitted) return 'mirror';
  await writeMeta(call, windowKey, {
    add: ['#notMirrored :one'],
    set: ['#openShard = :openShard', '#lastSyncedAt = if_not_exists(#lastSyncedAt, :dueAt)', '#expiresAt = if_not_exists(#expiresAt, :expires)'],
    // Always true here (the first write failed, so the window is at its cap); the count only grows.
    condition: 'attribute_exists(#admitted)',
    values: { ':one': 1, ':openShard': OPEN_SHARD, ':dueAt': dueAt, ':expires': expiresAtEpochSeconds },
  });
  return 'over-cap';
}
