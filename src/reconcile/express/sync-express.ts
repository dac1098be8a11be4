/**
 * Express executions, mirrored from their CloudWatch Logs records alone (Step Functions keeps
 * no history for them and refuses DescribeExecution). Same tracking table, meta-row lease and
 * object rows as Standard executions; the tree, desired state and plan are the same functions.
 *
 * ```text
 * records of ARN ─► lease (wait briefly; busy → throw, Lambda redelivers) ─► first sight: cap window count
 *   ─► runs by ExecutionStarted timestamp: first run under the ARN, restarts under <ARN>#restart-<ms>
 *   ─► per run: held ∪ new → ready (no gap) | held (gap, ≤ EXPRESS_GAP_WAIT_SECONDS)
 *   ─► buildTree ─► desiredState + Express notes ─► plan ─► apply ─► save (cursor, checkpoint, held)
 * sweep ─► the same per-run sync without records: gives up gaps that waited long enough, and
 *          after 5 min + EXPRESS_OUTCOME_MARGIN_SECONDS ends a run with no outcome record failed.
 * ```
 *
 * A run stays in the sweep index (open) while its job is open, records are held, or nothing
 * ended it yet, so the sweep always brings it to an end.
 */
import { buildTree, checkpointOf, parseCheckpoint, serializeCheckpoint } from '../../core/build-tree.js';
import { desiredState } from '../../core/desired.js';
import {
  capWindowStart,
  knownStarts,
  orphansOfEndedRun,
  OUTCOME_NOT_LOGGED,
  parseExpressState,
  runOf,
  serializeExpressState,
  takeReady,
  unapplied,
  withExpressNotes,
} from '../../core/express.js';
import type { ExpressState } from '../../core/express.js';
import { ReconcilerError } from '../../errors.js';
import type { HistoryEvent } from '../../model/execution.js';
import type { ExecutionLogRecord } from '../../model/execution-log.js';
import { TERMINAL_STATUSES } from '../../model/execution.js';
import type { Outcome } from '../../model/outcome.js';
import type { ExecutionMeta, MetaProgress } from '../../ports.js';
import type { ExpressLogSync } from '../apply-log-batch.js';
import { expiryAfter } from '../deps.js';
import type { ReconcileDeps } from '../deps.js';
import { waitForLease } from '../push-lease.js';
import { settleFailedSync, wasSettled } from '../sync-failure.js';
import { applyDesired } from '../apply-desired.js';
import type { ExpressKey } from './identity.js';
import { capWindowKey, parseExpressKey, restartKey } from './identity.js';
import type { ExpressSettings } from './settings.js';
import { CAP_SUMMARY_DELAY_MS, CAP_WINDOW_MS, EXPRESS_MAX_DURATION_MS } from './settings.js';

/**
 * ExpressLeaseBusyError: another invocation kept an Express execution's lease through every
 * wait. Retryable: the delivery fails and Lambda delivers it again; every record is idempotent.
 */
export class ExpressLeaseBusyError extends ReconcilerError {
  constructor(key: string) {
    super(
      `Another invocation held the lease of ${key} for longer than the Express sync waits; the delivery is retried by Lambda. ` +
        'If this repeats, look for an invocation stuck on this execution (its lease lapses after LEASE_SECONDS).',
      { retryable: true },
    );
    this.name = 'ExpressLeaseBusyError';
  }
}

/**
 * expressLogSync is what the push path calls for the records of one Express execution;
 * `toHistoryEvent` is the converter the history reader shares (injected: reconcile imports no adapter).
 */
export function expressLogSync(settings: ExpressSettings, toHistoryEvent: (record: ExecutionLogRecord) => HistoryEvent): ExpressLogSync {
  return (group, _arn, deps, signal) => mirrorExpressRecords(group.executionArn, group.records.map(toHistoryEvent), deps, settings, signal);
}

/**
 * mirrorExpressRecords applies one delivery's records of an Express execution. Throws
 * ExpressLeaseBusyError (retryable) when the lease stayed held, and any transient failure
 * (recorded on the meta row first, like every failed sync).
 */
export async function mirrorExpressRecords(
  executionArn: string,
  events: readonly HistoryEvent[],
  deps: ReconcileDeps,
  settings: ExpressSettings,
  signal?: AbortSignal,
): Promise<Outcome> {
  const key = parseExpressKey(executionArn);
  if (key?.restartedAt !== undefined || key === undefined) throw new ReconcilerError(`${executionArn} is not an Express execution ARN.`);
  const owner = deps.newOwner();
  const meta = await acquireWaiting(executionArn, owner, deps, signal);
  let state = parseExpressState(meta.expressState);
  try {
    if (!state.admitted) {
      const admission = await admit(key, events, deps, settings, signal);
      state = { ...state, admitted: true, notMirrored: admission === 'over-cap' };
    }
    if (state.notMirrored) return await settleNotMirrored(key, meta, owner, state, deps, signal);
    // Runs by start time; the first run's held records are split again, as a restart's start may have come since.
    const starts = knownStarts(state.starts, events);
    const byRun = new Map<number, HistoryEvent[]>();
    // Not deduplicated by id here: a restart reuses the ids; each run's sync drops its own duplicates.
    for (const event of [...state.held, ...events]) {
      const run = runOf(starts, event);
      byRun.set(run, [...(byRun.get(run) ?? []), event]);
    }
    const first = await syncRun(key, meta, owner, { ...state, starts, held: [] }, byRun.get(0) ?? [], deps, settings, signal);
    let outcome = first;
    for (const [run, runEvents] of byRun) {
      const startedAt = starts[run];
      if (run === 0 || startedAt === undefined) continue;
      const restarted = await syncRestart(restartKey(executionArn, startedAt), runEvents, deps, settings, signal);
      if (restarted.kind === 'pending') outcome = restarted;
    }
    return outcome;
  } catch (error) {
    // A restart's failure was settled on its own row already.
    if (!wasSettled(error)) await settleFailedSync(executionArn, owner, meta, error, deps, signal);
    throw error;
  }
}

/**
 * syncExpressFromSweep is the sweep's visit of an Express run: no records, only time — a gap
 * that waited long enough is given up, a run past its outcome time is ended. Another
 * invocation holding the lease is working on it: pending.
 */
export async function syncExpressFromSweep(key: ExpressKey, deps: ReconcileDeps, settings: ExpressSettings, signal?: AbortSignal): Promise<Outcome> {
  const owner = deps.newOwner();
  const meta = await deps.store.acquireLease(key.key, owner, deps.now(), deps.leaseMs, signal);
  if (meta === null) return pending(key.key, deps, 'another invocation is syncing this Express execution', 0);
  const state = parseExpressState(meta.expressState);
  try {
    if (state.notMirrored) return await settleNotMirrored(key, meta, owner, state, deps, signal);
    return await syncRun(key, meta, owner, state, [], deps, settings, signal);
  } catch (error) {
    await settleFailedSync(key.key, owner, meta, error, deps, signal);
    throw error;
  }
}

async function syncRestart(key: string, events: readonly HistoryEvent[], deps: ReconcileDeps, settings: ExpressSettings, signal?: AbortSignal): Promise<Outcome> {
  const parsed = parseExpressKey(key);
  if (parsed === undefined) throw new ReconcilerError(`${key} is not an Express restart key.`);
  const owner = deps.newOwner();
  const meta = await acquireWaiting(key, owner, deps, signal);
  // A restart is mirrored when its execution is: it was admitted under the cap with it.
  const state = { ...parseExpressState(meta.expressState), admitted: true };
  try {
    return await syncRun(parsed, meta, owner, state, events, deps, settings, signal);
  } catch (error) {
    await settleFailedSync(key, owner, meta, error, deps, signal);
    throw error;
  }
}

/** acquireWaiting takes the lease, waiting a little while another invocation holds it (push-lease.ts). */
async function acquireWaiting(key: string, owner: string, deps: ReconcileDeps, signal?: AbortSignal): Promise<ExecutionMeta> {
  const meta = await waitForLease(key, owner, deps, signal);
  if (meta === null) throw new ExpressLeaseBusyError(key);
  return meta;
}

/**
 * admit counts a new Express execution in its state machine's cap window: the minute of its
 * earliest record (its start, when the ExecutionStarted record is there).
 */
async function admit(key: ExpressKey, events: readonly HistoryEvent[], deps: ReconcileDeps, settings: ExpressSettings, signal?: AbortSignal) {
  const first = events.reduce((min, event) => Math.min(min, event.timestamp), deps.now());
  const windowStart = capWindowStart(first, CAP_WINDOW_MS);
  const dueAt = windowStart + CAP_WINDOW_MS + CAP_SUMMARY_DELAY_MS;
  const admission = await deps.store.countExpressExecution(
    capWindowKey(key.arn.stateMachineArn, windowStart),
    settings.maxPerMinute,
    dueAt,
    expiryAfter(dueAt, deps),
    signal,
  );
  if (admission === 'over-cap') deps.counters.count('ExpressExecutionsNotMirrored');
  return admission;
}

/** settleNotMirrored saves the over-cap decision (so later records are dropped at once) and lets go. */
async function settleNotMirrored(key: ExpressKey, meta: ExecutionMeta, owner: string, state: ExpressState, deps: ReconcileDeps, signal?: AbortSignal): Promise<Outcome> {
  const progress: MetaProgress = {
    cursor: meta.cursor,
    status: meta.status ?? 'NOT_MIRRORED',
    redriveCount: 0,
    stateMachineArn: key.arn.stateMachineArn,
    startDate: meta.startDate ?? deps.now(),
    open: false,
    expressState: serializeExpressState({ ...state, held: [], heldSince: undefined }),
  };
  await save(key.key, meta, owner, progress, deps, signal);
  if (meta.expressState === undefined) await deps.store.expireExecution(key.key, expiryAfter(deps.now(), deps), signal);
  return { kind: 'converged', executionArn: key.key, actions: 0 };
}

/** syncRun applies what is ready of one run (ARN or restart key) whose lease `owner` holds. */
async function syncRun(
  key: ExpressKey,
  meta: ExecutionMeta,
  owner: string,
  state: ExpressState,
  incoming: readonly HistoryEvent[],
  deps: ReconcileDeps,
  settings: ExpressSettings,
  signal?: AbortSignal,
): Promise<Outcome> {
  const now = deps.now();
  if (isSettled(meta)) {
    // Ended and closed: a late or duplicate record changes nothing (an ended oVirt job cannot
    // reopen). Only a newly seen restart start is kept, so the restart's later records find their run.
    const limits = { gapWaitMs: settings.gapWaitMs, maxHeldEvents: settings.maxHeldEvents };
    const kept = serializeExpressState({ ...state, held: orphansOfEndedRun(state, incoming, limits), heldSince: undefined });
    // Still in the sweep index only because a request was counted while another invocation held it.
    if (kept === meta.expressState && !meta.open) await deps.store.releaseLease(key.key, owner);
    else {
      const unchanged = { ...baseProgress(key, meta.startDate ?? now), cursor: meta.cursor, checkpoint: meta.checkpoint, status: meta.status ?? 'RUNNING' };
      await save(key.key, meta, owner, { ...unchanged, open: false, expressState: kept }, deps, signal);
    }
    return { kind: 'converged', executionArn: key.key, actions: 0 };
  }
  const startDate = meta.startDate ?? earliest([...state.held, ...incoming]);
  const firstSeenAt = state.firstSeenAt ?? now;
  const outcomeDue =
    startDate !== undefined && now >= Math.max(startDate + EXPRESS_MAX_DURATION_MS + settings.outcomeMarginMs, firstSeenAt + settings.gapWaitMs);
  const limits = { gapWaitMs: settings.gapWaitMs, maxHeldEvents: settings.maxHeldEvents };
  const ready = takeReady(meta.cursor, { ...state, firstSeenAt }, incoming, now, limits, outcomeDue);
  if (ready.state.missing && !state.missing) {
    deps.counters.count('ExpressEventsMissing');
    deps.log.warn('Records of an Express execution never arrived; the ones after them are applied and the job says "Some events were not logged"', {
      executionArn: key.key,
      cursor: meta.cursor,
      applied: ready.events.length,
    });
  }
  const tree = buildTree(ready.events, meta.checkpoint === undefined ? undefined : parseCheckpoint(meta.checkpoint));
  const runStatus = tree.runs[0]?.status;
  const unlogged = outcomeDue && runStatus !== undefined && runStatus === 'RUNNING';
  const lastAppliedAt = ready.events.reduce((max, event) => Math.max(max, event.timestamp), state.lastAppliedAt ?? -Infinity);
  const next: ExpressState = {
    ...ready.state,
    outcomeUnlogged: ready.state.outcomeUnlogged || unlogged,
    lastAppliedAt: Number.isFinite(lastAppliedAt) ? lastAppliedAt : undefined,
  };
  if (unlogged && !state.outcomeUnlogged) {
    deps.counters.count('ExpressOutcomesNotLogged');
    deps.log.warn('Express execution ended in oVirt as failed: its outcome record never arrived', { executionArn: key.key });
  }
  const desired = withExpressNotes(
    desiredState(tree, {
      executionArn: key.key,
      stateMachineName: key.arn.stateMachineName,
      executionName: executionName(key),
      mapping: deps.mapping,
      // No DescribeStateMachineForExecution for Express: branches are named by their first state.
      parallelBranches: undefined,
      mapRuns: new Map(),
    }),
    tree,
    next,
    deps.mapping.descriptionMaxLength,
  );
  const { report } = await applyDesired(key.key, owner, meta.open, desired, deps, signal);
  if (deps.dryRun) {
    await deps.store.releaseLease(key.key, owner);
    return { kind: 'converged', executionArn: key.key, actions: 0 };
  }
  if (report.blocked.length > 0 || report.stopped === true) {
    // Keep every record not yet saved as applied, so nothing is lost; the rows written keep the retry from doing anything twice.
    const held = unapplied(meta.cursor, state.held, incoming);
    const kept: MetaProgress = {
      ...baseProgress(key, startDate ?? now),
      cursor: meta.cursor,
      checkpoint: meta.checkpoint,
      status: meta.status ?? 'RUNNING',
      open: true,
      expressState: serializeExpressState({ ...state, firstSeenAt, held, heldSince: state.heldSince }),
    };
    await save(key.key, meta, owner, kept, deps, signal);
    return pending(key.key, deps, report.stopped === true ? 'deadline: continuing later' : 'waiting for objects claimed elsewhere', report.applied);
  }
  const jobOpen = desired.jobs.some((job) => job.end === null);
  const open = jobOpen || next.held.length > 0 || (desired.jobs.length === 0 && startDate !== undefined && !outcomeDue);
  const progress: MetaProgress = {
    ...baseProgress(key, startDate ?? now),
    cursor: tree.cursor,
    checkpoint: serializeCheckpoint(checkpointOf(tree)),
    status: next.outcomeUnlogged ? OUTCOME_NOT_LOGGED : (runStatus ?? 'RUNNING'),
    open,
    expressState: serializeExpressState(next),
  };
  const saved = await save(key.key, meta, owner, progress, deps, signal);
  if (!saved) return pending(key.key, deps, 'lease lapsed during the sync', report.applied);
  deps.counters.count('ExecutionsSynced');
  if (open) return pending(key.key, deps, next.held.length > 0 ? 'records held until a missing one arrives' : 'Express execution running', report.applied);
  if (meta.open || meta.status !== progress.status) await deps.store.expireExecution(key.key, expiryAfter(now, deps), signal);
  return { kind: 'converged', executionArn: key.key, actions: report.applied };
}

function baseProgress(key: ExpressKey, startDate: number): Pick<MetaProgress, 'redriveCount' | 'stateMachineArn' | 'startDate'> {
  return { redriveCount: 0, stateMachineArn: key.arn.stateMachineArn, startDate };
}

/** save writes the progress and lets the lease go; false when the lease was lost. */
async function save(key: string, meta: ExecutionMeta, owner: string, progress: MetaProgress, deps: ReconcileDeps, signal?: AbortSignal): Promise<boolean> {
  const saved = await deps.store.saveProgress(key, owner, meta.requests, progress, deps.now(), deps.leaseMs, signal);
  // A request counted meanwhile came from an invocation that waits for this lease, or from the sweep: either looks again.
  if (saved.kind === 'requested-again') await deps.store.releaseLease(key, owner);
  return saved.kind !== 'lease-lost';
}

/**
 * isSettled: the run ended (or was ended for lack of its outcome). A round saves an ended status
 * only once everything it planned was applied, so nothing of it is open in oVirt.
 */
function isSettled(meta: ExecutionMeta): boolean {
  if (meta.status === undefined) return false;
  return TERMINAL_STATUSES.has(meta.status) || meta.status === OUTCOME_NOT_LOGGED;
}

function earliest(events: readonly HistoryEvent[]): number | undefined {
  return events.length === 0 ? undefined : events.reduce((min, event) => Math.min(min, event.timestamp), Infinity);
}

/** executionName: the name from the ARN; a restart says when it started. */
function executionName(key: ExpressKey): string {
  if (key.restartedAt === undefined) return key.arn.name;
  return `${key.arn.name} (restarted ${new Date(key.restartedAt).toISOString().slice(11, 19)} UTC)`;
}

function pending(key: string, deps: ReconcileDeps, reason: string, actions: number): Outcome {
  deps.counters.count('ExecutionsPending');
  return { kind: 'pending', executionArn: key, requeueAfterSeconds: deps.requeueSeconds, reason, actions };
}
