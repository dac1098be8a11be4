/**
 * What a failed sync leaves behind, whoever started it (an event or the sweep). The lifecycle
 * rule: the failure is recorded on the meta row by the lease holder as it lets go, and the
 * execution's sweep index key moves to the next attempt, doubling from one minute up to an
 * hour — so an execution that keeps failing is visited less and less often and never holds
 * the head of the sweep's least-recently-synced order. A sync that finishes clears the record.
 * An execution Step Functions no longer knows (TerminalReconcileError) leaves the index, and
 * its rows expire like those of an ended execution.
 *
 *   failures  1     2     3     4      5      6      7+
 *   backoff   1 min 2 min 4 min 8 min 16 min 32 min 1 h
 */
import { isTerminalReconcileError } from '../errors.js';
import type { ExecutionMeta, SyncFailure } from '../ports.js';
import { expiryAfter } from './deps.js';
import type { ReconcileDeps } from './deps.js';

/** Backoff after the first failure; it doubles with each further one. */
export const FIRST_BACKOFF_MS = 60_000;
/** The longest backoff: a failing execution is still looked at every hour. */
export const MAX_BACKOFF_MS = 3_600_000;
/** Longest error message kept on the row (the row is read by operators, not parsed). */
const MAX_ERROR_MESSAGE_LENGTH = 500;

/** Errors whose failure settleFailedSync recorded and logged (callers need not log them again). */
const settled = new WeakSet<object>();

/** wasSettled says whether settleFailedSync already recorded and logged this error. */
export function wasSettled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && settled.has(error);
}

/** backoffMs is how long the sweep leaves an execution alone after its `failures`-th consecutive failure. */
export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}

/**
 * settleFailedSync is called by the lease holder when a sync throws: it records the failure
 * and releases the lease (one conditional write), counts and logs it; for an execution Step
 * Functions no longer knows, it also sets the rows' expiry. It never throws: the caller
 * rethrows the sync's own error. `meta` is the holder's view of the row (null if none).
 */
export async function settleFailedSync(
  executionArn: string,
  owner: string,
  meta: ExecutionMeta | null,
  error: unknown,
  deps: ReconcileDeps,
  signal?: AbortSignal,
): Promise<void> {
  const gone = isTerminalReconcileError(error);
  const now = deps.now();
  const failures = (meta?.failure?.failures ?? 0) + 1;
  const failure: SyncFailure = {
    failures,
    errorName: error instanceof Error ? error.name : 'Error',
    errorMessage: messageOf(error),
    failedAt: now,
    nextAttemptAt: gone ? null : now + backoffMs(failures),
  };
  // No signal: a sync cancelled by the deadline must still let go of the lease.
  const recorded = await deps.store.releaseAfterFailure(executionArn, owner, failure).catch(async (writeError: unknown) => {
    deps.log.debug('Could not record the failed sync on the tracking table', { executionArn, error: messageOf(writeError) });
    await deps.store.releaseLease(executionArn, owner).catch(() => undefined);
    return false;
  });
  deps.counters.count('SyncFailures');
  if (typeof error === 'object' && error !== null) settled.add(error);
  const fields = { executionArn, failures, errorName: failure.errorName, error: failure.errorMessage, recorded };
  if (gone) {
    deps.log.error('Execution cannot be synced: Step Functions no longer knows it. It leaves the sweep and its tracking rows expire', fields);
    deps.counters.count('ExecutionsGone');
    // Nothing will ever end this execution's rows (e.g. the meta row an event of an unknown or
    // long-gone execution created), so they expire like those of an ended execution.
    const expiresAt = expiryAfter(now, deps);
    await deps.store.expireExecution(executionArn, expiresAt, signal).catch(() => undefined);
    return;
  }
  const nextAttempt = failure.nextAttemptAt === null ? undefined : new Date(failure.nextAttemptAt).toISOString();
  deps.log.warn('Sync failed; the sweep tries this execution again after a pause that doubles with each failure (up to an hour)', {
    ...fields,
    nextAttemptAt: nextAttempt,
  });
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length <= MAX_ERROR_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_ERROR_MESSAGE_LENGTH - 1)}…`;
}
