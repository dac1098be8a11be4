/**
 * reconcileExecution converges one execution's oVirt jobs and steps with what Step
 * Functions says now. It is level-triggered: it takes only the execution ARN.
 *
 * One writer per execution at a time: the meta row's lease. An invocation that finds the
 * lease held counts a request on the row and returns `pending`; the holder sees the count
 * change when it saves and goes round again, so no event is lost:
 *
 *   A: acquire(requests=r) ── round ── save(if requests==r: release) ─┐
 *   B:            acquire ✗ → requests=r+1, return pending            │ requests≠r
 *   A:                                      ◄── go round again ───────┘ (≤ maxRounds, then pending)
 *
 * The push path (deps.pushed) waits briefly for a held lease before it counts a request, and
 * merges the records the row held after a gap into its own (push-lease.ts, pushed-events.ts).
 */
import { isPermissionDenied } from '../apply/permission.js';
import { TERMINAL_STATUSES } from '../model/execution.js';
import type { ExecutionDescription } from '../model/execution.js';
import type { Outcome } from '../model/outcome.js';
import type { ExecutionMeta, MetaProgress } from '../ports.js';
import { deadlineReached, expiryOfEnded, retentionEndsAt } from './deps.js';
import type { ReconcileDeps } from './deps.js';
import type { RoundResult } from './round.js';
import { syncRound } from './round.js';
import { pushedContinuation, pushedDescription, withRowHeld } from './pushed-events.js';
import { acquirePushLease } from './push-lease.js';
import { serializeHeldEvents } from '../core/held-events.js';
import { releaseSkipped } from './release-skipped.js';
import { settleFailedSync } from './sync-failure.js';

const DEADLINE_REASON = 'deadline: continuing in the next invocation';

/** reconcileExecution syncs `executionArn` and reports whether it converged. Transient failures throw. */
export async function reconcileExecution(executionArn: string, deps: ReconcileDeps, signal?: AbortSignal): Promise<Outcome> {
  const owner = deps.newOwner();
  let meta =
    deps.pushed === undefined
      ? await deps.store.acquireLease(executionArn, owner, deps.now(), deps.leaseMs, signal)
      : await acquirePushLease(executionArn, owner, deps, signal);
  if (meta === null) return pending(executionArn, deps, 'another invocation is syncing this execution; it will go round again', 0);
  const tally = { actions: 0 };
  let roundDeps = deps.pushed === undefined ? deps : { ...deps, pushed: withRowHeld(deps.pushed, meta, deps.now()) };
  try {
    for (let round = 1; round <= (deps.maxRounds ?? 3); round += 1) {
      const description = await describe(meta, roundDeps, signal);
      const skip = skipReason(meta, description, deps);
      if (skip !== undefined) {
        await releaseSkipped(meta, description, owner, deps, signal);
        if (skip !== 'settled') deps.log.info(skip, { executionArn });
        return { kind: 'converged', executionArn, actions: tally.actions };
      }
      const paged = await syncPages(meta, description, owner, roundDeps, tally, signal);
      if (paged.kind === 'stopped') return paged.outcome;
      const { result } = paged;
      const progress = progressOf(result);
      const saved = await deps.store.saveProgress(executionArn, owner, meta.requests, progress, deps.now(), deps.leaseMs, signal);
      if (saved.kind === 'lease-lost') return pending(executionArn, deps, 'lease lapsed during the sync', tally.actions);
      if (saved.kind === 'released') return await finish(meta, result, progress, deps, tally.actions, signal);
      meta = { ...paged.meta, ...progress, requests: saved.requests };
      // The request counted meanwhile may stand for records these pushed events lack.
      if (roundDeps.pushed !== undefined) roundDeps = { ...roundDeps, pushed: { ...roundDeps.pushed, stale: true } };
    }
    await deps.store.releaseLease(executionArn, owner);
    return pending(executionArn, deps, 'requests kept arriving; the sweep will continue', tally.actions);
  } catch (error) {
    if (isPermissionDenied(error)) {
      // Not pending, not retried into silence: nothing of this execution can be made exactly-once
      // until the oVirt user gets the rights named in the message.
      deps.counters.count('OvirtPermissionDenied');
      deps.log.error('oVirt refused a call for lack of permission; this execution cannot be mirrored until the user is granted it', {
        executionArn,
        errorName: (error as Error).name,
        // The message says what to grant (the oVirt client's OvirtPermissionError.needed).
        error: (error as Error).message,
      });
    }
    // Records the failure (the sweep backs off) and lets the lease go; see sync-failure.ts.
    await settleFailedSync(executionArn, owner, meta, error, deps, signal);
    throw error;
  }
}

/**
 * describe: what Step Functions says of the execution now. With pushed events that continue the
 * cursor (no history read needed), synthesized from them and the meta row instead of a
 * DescribeExecution call, when that is possible (see pushed-events.ts).
 */
async function describe(meta: ExecutionMeta, deps: ReconcileDeps, signal?: AbortSignal): Promise<ExecutionDescription> {
  const { pushed } = deps;
  const continuation = pushed === undefined || pushed.stale === true ? undefined : pushedContinuation(pushed, meta.cursor, meta.cursor === 0 ? undefined : meta.historyToken);
  if (pushed !== undefined && continuation !== undefined) {
    const synthesized = pushedDescription(meta, pushed, continuation.events);
    if (synthesized !== undefined) return synthesized;
  }
  return deps.history.describeExecution(meta.executionArn, signal);
}

/** PagesResult: the last page's round (to save as the round's end), or an outcome to return at once. */
type PagesResult =
  | { readonly kind: 'done'; readonly result: RoundResult; readonly meta: ExecutionMeta }
  | { readonly kind: 'stopped'; readonly outcome: Outcome };

/**
 * syncPages runs rounds until the history is read to its end (one round unless a first sync
 * reads forward page by page). After each page that is not the last it saves progress and keeps
 * the lease (seenRequests null), so a later invocation reads on from the next page. At the soft
 * deadline it stops: between pages after that save, inside a page without saving that page
 * (the checkpoint would prune steps whose ends were not applied; the rows already written keep
 * the next round from creating anything twice).
 */
async function syncPages(
  start: ExecutionMeta,
  description: ExecutionDescription,
  owner: string,
  deps: ReconcileDeps,
  tally: { actions: number },
  signal?: AbortSignal,
): Promise<PagesResult> {
  const arn = start.executionArn;
  let meta = start;
  for (;;) {
    const result = await syncRound(meta, description, owner, deps, signal);
    tally.actions += result.report.applied;
    const stop = stopReason(result, deps);
    if (stop !== undefined) {
      await deps.store.releaseLease(arn, owner);
      const outcome = deps.dryRun ? { kind: 'converged' as const, executionArn: arn, actions: tally.actions } : pending(arn, deps, stop, tally.actions);
      return { kind: 'stopped', outcome };
    }
    if (result.historyToken === undefined) return { kind: 'done', result, meta };
    const progress = progressOf(result);
    const saved = await deps.store.saveProgress(arn, owner, null, progress, deps.now(), deps.leaseMs, signal);
    if (saved.kind === 'lease-lost') return { kind: 'stopped', outcome: pending(arn, deps, 'lease lapsed during the sync', tally.actions) };
    meta = { ...meta, ...progress };
    if (deadlineReached(deps)) {
      await deps.store.releaseLease(arn, owner);
      return { kind: 'stopped', outcome: pending(arn, deps, DEADLINE_REASON, tally.actions) };
    }
  }
}

/** stopReason: why the sync must stop after this round without saving it (undefined: go on). */
function stopReason(result: RoundResult, deps: ReconcileDeps): string | undefined {
  if (result.deferred !== undefined) return result.deferred;
  if (deps.dryRun) return 'dry run';
  if (result.report.blocked.length > 0) return `waiting for ${result.report.blocked.length} object(s) claimed elsewhere`;
  if (result.report.stopped === true) return DEADLINE_REASON;
  return undefined;
}

/**
 * skipReason says why this execution needs no sync: 'settled' when it already ended,
 * everything was mirrored and closed, and Step Functions still says the same (no redrive
 * since) — duplicate and late events stop here without reading history; or a message when
 * it was never synced and ended longer ago than the retention (its rows would expire at
 * once, and a replayed old event must not create a job again), unless a backfill asked for it
 * (ReconcileDeps.mirrorBeyondRetention).
 */
export function skipReason(meta: ExecutionMeta, now: ExecutionDescription, deps: ReconcileDeps): string | undefined {
  const ended = meta.status !== undefined && TERMINAL_STATUSES.has(meta.status);
  if (!meta.open && ended && now.status === meta.status && now.redriveCount === meta.redriveCount) return 'settled';
  const tooOld = now.stopDate !== undefined && retentionEndsAt(now.stopDate, deps) < deps.now();
  if (meta.cursor === 0 && tooOld && deps.mirrorBeyondRetention !== true) return 'Execution ended before the tracking retention window; not mirrored';
  return undefined;
}

function progressOf(result: RoundResult): MetaProgress {
  const { description, desired } = result;
  const mirroredOpen = desired.jobs.length === 0 ? !TERMINAL_STATUSES.has(description.status) : desired.jobs.some((job) => job.end === null);
  // Records held after a gap keep the execution in the sweep index, so a gap that never fills is repaired from history.
  const open = mirroredOpen || result.held.events.length > 0;
  return {
    cursor: result.cursor,
    checkpoint: result.checkpoint,
    historyToken: result.historyToken,
    status: description.status,
    redriveCount: description.redriveCount,
    stateMachineArn: description.stateMachineArn,
    startDate: description.startDate,
    open,
    heldEvents: serializeHeldEvents(result.held),
  };
}

async function finish(
  before: ExecutionMeta,
  result: RoundResult,
  progress: MetaProgress,
  deps: ReconcileDeps,
  actions: number,
  signal?: AbortSignal,
): Promise<Outcome> {
  const arn = before.executionArn;
  deps.counters.count('ExecutionsSynced');
  if (progress.open) return pending(arn, deps, 'execution is running', actions);
  if (before.open || before.status !== progress.status) {
    const stoppedAt = result.description.stopDate ?? deps.now();
    await deps.store.expireExecution(arn, expiryOfEnded(stoppedAt, deps), signal);
  }
  return { kind: 'converged', executionArn: arn, actions };
}

function pending(executionArn: string, deps: ReconcileDeps, reason: string, actions: number): Outcome {
  deps.counters.count('ExecutionsPending');
  return { kind: 'pending', executionArn, requeueAfterSeconds: deps.requeueSeconds, reason, actions };
}
