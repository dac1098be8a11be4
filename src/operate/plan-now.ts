/**
 * planNow runs the reconciler's own dry-run round (syncRound with dryRun: it reads history,
 * builds the tree, computes the desired objects and plans against the tracking rows, and
 * applies nothing) without taking the execution's lease: it writes nothing at all, not even
 * the meta row a first sync creates. What it shows can be a moment old if a function is
 * syncing the execution at the same time.
 */
import type { ExecutionDescription } from '../model/execution.js';
import type { ExecutionMeta } from '../ports.js';
import type { ReconcileDeps } from '../reconcile/deps.js';
import { skipReason } from '../reconcile/reconcile-execution.js';
import { syncRound } from '../reconcile/round.js';
import type { RoundResult } from '../reconcile/round.js';

/** PlanNow: why a sync would do nothing (`skipped`), or the round it would run. */
export type PlanNow =
  | { readonly kind: 'skipped'; readonly description: ExecutionDescription; readonly reason: string }
  | { readonly kind: 'planned'; readonly description: ExecutionDescription; readonly round: RoundResult };

/**
 * planNow plans one execution. `from: 'cursor'` plans what the next sync would do (from the
 * saved cursor and checkpoint, as the reconciler resumes); `from: 'start'` reads the whole
 * history, so the desired state holds every object the execution should have.
 */
export async function planNow(
  executionArn: string,
  meta: ExecutionMeta | undefined,
  deps: ReconcileDeps,
  from: 'cursor' | 'start',
  signal?: AbortSignal,
): Promise<PlanNow> {
  const dryRun: ReconcileDeps = { ...deps, dryRun: true };
  const description = await deps.history.describeExecution(executionArn, signal);
  const known = meta ?? { executionArn, cursor: 0, redriveCount: 0, open: false, requests: 0 };
  if (from === 'cursor') {
    const skip = skipReason(known, description, dryRun);
    if (skip !== undefined) return { kind: 'skipped', description, reason: skip === 'settled' ? 'already mirrored and settled' : skip };
  }
  const start = from === 'start' ? { ...known, cursor: 0, checkpoint: undefined, historyToken: undefined } : known;
  const round = await syncRound(start, description, 'operator-dry-run', dryRun, signal);
  return { kind: 'planned', description, round };
}
