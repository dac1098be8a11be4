/**
 * The single-writer lease on an execution's meta row, and the request counter that makes sure
 * no sync request is dropped while someone else holds the lease.
 *
 * ```
 *  holder H                       meta row                          requester R
 *  acquire ─────────────────► lease=H, requests=k   (H keeps seen=k)
 *    │ round (read, apply)     ◄──────────────────── acquire: fails, lease live and not R's
 *    │                         ◄──────────────────── ADD requests if lease still live and not R's
 *    │                           requests=k+1                        → R returns null
 *  save(seen=k): release if requests=k ── fails
 *  save: keep lease, renew ─► 'requested-again' (requests=k+1)
 *  round again, save(seen=k+1): release ─► lease removed
 *
 *  Race closed by the ADD's condition: if H released between R's two writes, the ADD fails
 *  (nobody would see the count) and R tries to acquire again instead, so R does the round.
 * ```
 *
 * A holder that dies keeps its lease until `leaseExpiresAt`; after that the next acquire takes
 * it over (lapsed is worked out from the timestamp, never written).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TrackingConflictError } from '../../errors.js';
import type { ExecutionMeta, MetaProgress, SaveResult, SyncFailure } from '../../ports.js';
import { namesIn, updateExpression } from './expressions.js';
import type { UpdateClauses } from './expressions.js';
import { assertCheckpointFits, progressWrites } from './progress-writes.js';
import { META_KEY, metaFromItem, OPEN_SHARD } from './rows.js';
import type { Item } from './rows.js';
import { rowKey, sendOptions, unlessConditionFails } from './table-call.js';
import type { TableCall } from './table-call.js';

/** How often a requester retries when the lease changes hands between its two writes (see diagram). */
const MAX_ACQUIRE_ATTEMPTS = 3;

/** The meta row's failure record (see releaseAfterFailure). */
const FAILURE_ATTRIBUTES = ['#syncFailures', '#lastErrorName', '#lastError', '#lastFailedAt'] as const;

/** acquireLease takes the lease or counts the request for the live holder (null). @internal */
export async function acquireLease(
  call: TableCall,
  executionArn: string,
  owner: string,
  now: number,
  leaseMs: number,
): Promise<ExecutionMeta | null> {
  for (let attempt = 1; attempt <= MAX_ACQUIRE_ATTEMPTS; attempt += 1) {
    const meta = await takeLease(call, executionArn, owner, now, leaseMs);
    if (meta) return meta;
    if (await countRequestForHolder(call, executionArn, owner, now)) return null;
  }
  throw new TrackingConflictError(META_KEY, undefined, {
    cause: new Error(`The lease of ${executionArn} changed hands ${MAX_ACQUIRE_ATTEMPTS} times during one acquire.`),
  });
}

/** tryAcquireLease takes the lease, or writes nothing while another owner's lease is live (null). @internal */
export function tryAcquireLease(call: TableCall, executionArn: string, owner: string, now: number, leaseMs: number): Promise<ExecutionMeta | null> {
  return takeLease(call, executionArn, owner, now, leaseMs);
}

async function takeLease(
  call: TableCall,
  executionArn: string,
  owner: string,
  now: number,
  leaseMs: number,
): Promise<ExecutionMeta | null> {
  const taken = await unlessConditionFails(
    writeMeta(call, executionArn, {
      set: [
        '#leaseOwner = :owner',
        '#leaseExpiresAt = :expires',
        '#cursor = if_not_exists(#cursor, :zero)',
        '#redriveCount = if_not_exists(#redriveCount, :zero)',
        '#requests = if_not_exists(#requests, :zero)',
      ],
      condition: 'attribute_not_exists(#leaseOwner) OR #leaseExpiresAt <= :now OR #leaseOwner = :owner',
      values: { ':owner': owner, ':expires': now + leaseMs, ':zero': 0, ':now': now },
      returnNew: true,
    }),
    undefined,
  );
  return taken ? metaFromItem(taken) : null;
}

/**
 * Counts the request only while another owner's lease is live, so the count is always seen by a
 * live holder. The same write puts the execution in the sweep index: if the holder died (its
 * lease then stays until it lapses), no one would ever act on the count, and an execution that
 * is neither open nor RUNNING any more would never be visited again. The holder's own save
 * takes it out of the index again once the execution needs nothing more.
 */
async function countRequestForHolder(call: TableCall, executionArn: string, owner: string, now: number): Promise<boolean> {
  const counted = writeMeta(call, executionArn, {
    add: ['#requests :one'],
    set: ['#openShard = :openShard', '#lastSyncedAt = if_not_exists(#lastSyncedAt, :now)'],
    condition: 'attribute_exists(#leaseOwner) AND #leaseOwner <> :owner AND #leaseExpiresAt > :now',
    values: { ':one': 1, ':owner': owner, ':now': now, ':openShard': OPEN_SHARD },
  });
  return unlessConditionFails(
    counted.then(() => true),
    false,
  );
}

/** saveProgress writes the round's progress; releases the lease if no request came meanwhile. @internal */
export async function saveProgress(
  call: TableCall,
  executionArn: string,
  owner: string,
  seenRequests: number | null,
  progress: MetaProgress,
  now: number,
  leaseMs: number,
): Promise<SaveResult> {
  assertCheckpointFits(executionArn, progress.checkpoint);
  const written = progressWrites(progress, now);
  // seenRequests null: a save between pages of one sync, which keeps the lease on purpose.
  const released = seenRequests !== null && (await releaseWithProgress(call, executionArn, owner, seenRequests, written));
  if (released) return { kind: 'released' };
  const kept = await unlessConditionFails(
    writeMeta(call, executionArn, {
      set: [...written.set, '#leaseExpiresAt = :expires'],
      remove: written.remove,
      condition: '#leaseOwner = :owner',
      values: { ...written.values, ':owner': owner, ':expires': now + leaseMs },
      returnNew: true,
    }),
    undefined,
  );
  return kept ? { kind: 'requested-again', requests: metaFromItem(kept).requests } : { kind: 'lease-lost' };
}

/** releaseWithProgress writes progress and removes the lease if no request came since `seen`. */
function releaseWithProgress(
  call: TableCall,
  executionArn: string,
  owner: string,
  seen: number,
  written: ReturnType<typeof progressWrites>,
): Promise<boolean> {
  return unlessConditionFails(
    writeMeta(call, executionArn, {
      set: written.set,
      // A released save ends the sync: the failure record (and so the backoff) goes with it.
      remove: [...written.remove, '#leaseOwner', '#leaseExpiresAt', ...FAILURE_ATTRIBUTES],
      condition: '#leaseOwner = :owner AND #requests = :seen',
      values: { ...written.values, ':owner': owner, ':seen': seen },
    }).then(() => true),
    false,
  );
}

/** releaseLease removes the lease if it is still ours; someone else's lease is left alone. @internal */
export async function releaseLease(call: TableCall, executionArn: string, owner: string): Promise<void> {
  await unlessConditionFails(
    writeMeta(call, executionArn, {
      remove: ['#leaseOwner', '#leaseExpiresAt'],
      condition: '#leaseOwner = :owner',
      values: { ':owner': owner },
    }),
    undefined,
  );
}

/**
 * releaseAfterFailure records a failed sync and removes the lease in one write, conditional on
 * the lease still being ours: the failure record is written only by the lease holder, like
 * progress, so it never overwrites a sync that finished meanwhile. The sweep index key moves to
 * the next attempt (putting the execution in the index if it was not: a failed first sync is
 * then retried by the sweep), or the execution leaves the index when there is none. @internal
 */
export async function releaseAfterFailure(call: TableCall, executionArn: string, owner: string, failure: SyncFailure): Promise<boolean> {
  const set = ['#syncFailures = :failures', '#lastErrorName = :errorName', '#lastError = :error', '#lastFailedAt = :failedAt'];
  const remove = ['#leaseOwner', '#leaseExpiresAt'];
  const values: Record<string, unknown> = {
    ':owner': owner,
    ':failures': failure.failures,
    ':errorName': failure.errorName,
    ':error': failure.errorMessage,
    ':failedAt': failure.failedAt,
  };
  if (failure.nextAttemptAt === null) remove.push('#openShard');
  else {
    set.push('#openShard = :openShard', '#lastSyncedAt = :nextAttemptAt');
    values[':openShard'] = OPEN_SHARD;
    values[':nextAttemptAt'] = failure.nextAttemptAt;
  }
  return unlessConditionFails(
    writeMeta(call, executionArn, { set, remove, condition: '#leaseOwner = :owner', values }).then(() => true),
    false,
  );
}

/**
 * markOpen puts the execution in the sweep index before a round creates a job, so a crash
 * between that create and the round's saveProgress still leaves the execution for the sweep
 * to finish. Only the lease holder may do it; a lost lease is reported as false. @internal
 */
export async function markOpen(call: TableCall, executionArn: string, owner: string, now: number): Promise<boolean> {
  const written = await unlessConditionFails(
    writeMeta(call, executionArn, {
      set: ['#openShard = :openShard', '#lastSyncedAt = if_not_exists(#lastSyncedAt, :now)'],
      condition: '#leaseOwner = :owner',
      values: { ':owner': owner, ':openShard': OPEN_SHARD, ':now': now },
    }).then(() => true),
    false,
  );
  return written;
}

/** One conditional UpdateItem on the meta row. */
export interface MetaWrite extends UpdateClauses {
  readonly condition: string;
  readonly values: Record<string, unknown>;
  /** Return the whole new row; off by default, as the row carries the (large) checkpoint. */
  readonly returnNew?: boolean;
}

/** writeMeta is one conditional UpdateItem on the meta row (also used by express-cap.ts). @internal */
export async function writeMeta(call: TableCall, executionArn: string, write: MetaWrite): Promise<Item | undefined> {
  const update = updateExpression(write);
  const out = await call.doc.send(
    new UpdateCommand({
      TableName: call.tableName,
      Key: rowKey(executionArn, META_KEY),
      UpdateExpression: update,
      ConditionExpression: write.condition,
      ExpressionAttributeNames: namesIn(update, write.condition),
      ExpressionAttributeValues: write.values,
      ReturnValues: write.returnNew ? 'ALL_NEW' : 'NONE',
    }),
    sendOptions(call),
  );
  return out.Attributes;
}
