/**
 * releaseSkipped lets go of an execution that needs no sync (see skipReason in
 * reconcile-execution.ts). One that still sits in the sweep index — a request counted while
 * another invocation held it, or a failed first sync, put it there — but ended before the
 * retention window would never be taken out again: nothing else saves it, so the sweep would
 * visit it first on every run. It leaves the index (saved as ended, so the next look at it is
 * `settled`) and its rows expire.
 */
import type { ExecutionDescription } from '../model/execution.js';
import type { ExecutionMeta } from '../ports.js';
import { expiryAfter } from './deps.js';
import type { ReconcileDeps } from './deps.js';


/** releaseSkipped releases the lease of a skipped execution, taking it out of the sweep index if it is still there. */
export async function releaseSkipped(
  meta: ExecutionMeta,
  description: ExecutionDescription,
  owner: string,
  deps: ReconcileDeps,
  signal?: AbortSignal,
): Promise<void> {
  const arn = meta.executionArn;
  if (!meta.open || deps.dryRun) {
    await deps.store.releaseLease(arn, owner);
    return;
  }
  const progress = {
    cursor: meta.cursor,
    checkpoint: meta.checkpoint,
    status: description.status,
    redriveCount: description.redriveCount,
    stateMachineArn: description.stateMachineArn,
    startDate: description.startDate,
    open: false,
  };
  const saved = await deps.store.saveProgress(arn, owner, meta.requests, progress, deps.now(), deps.leaseMs, signal);
  if (saved.kind === 'requested-again') await deps.store.releaseLease(arn, owner);
  const endedAt = description.stopDate ?? deps.now();
  await deps.store.expireExecution(arn, expiryAfter(endedAt, deps), signal);
}
