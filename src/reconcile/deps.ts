/**
 * ReconcileDeps: everything reconcileExecution needs, built once per cold start by the
 * composition root (src/runtime) and injected, so tests can pass in-memory or local parts.
 */
import type { MappingConfig } from '../model/mapping.js';
import type { Counters, Log } from '../model/telemetry.js';
import type { HistoryEvent } from '../model/execution.js';
import type { HeldEvents } from '../core/held-events.js';
import type { HistoryBudget, HistoryReader, OvirtJobs, TrackingStore } from '../ports.js';

/** PushedEvent is a history event that came as a log record, with the record's redrive count (the run it belongs to). */
export interface PushedEvent extends HistoryEvent {
  readonly redriveCount: number;
}

/**
 * PushedEvents: history events of one execution that arrived through the CloudWatch Logs push
 * path (converted from log records), for a round to use instead of reading the history when
 * they continue the tracked cursor without a gap.
 */
export interface PushedEvents {
  /** Ascending by id, no duplicate ids; may start before the cursor (already applied ones are skipped). */
  readonly events: readonly PushedEvent[];
  /** Filled in by the sync: history calls the pushed events saved, and spent on repairing a gap. */
  readonly use: { saved: number; spent: number };
  /**
   * Set by the sync after its first round: a request counted while it held the lease may stand
   * for records these lack (another delivery), so later rounds read history (budgeted).
   */
  readonly stale?: boolean | undefined;
  /** How long records after a gap wait for it to fill before the gap is repaired from history (PUSH_GAP_WAIT_SECONDS), in ms. */
  readonly gapWaitMs: number;
  /** Pauses while another delivery holds the execution's lease (injected so the benchmark's virtual time can run it). */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Set by the sync once it holds the lease: what the meta row held (already merged into `events`), and when it was read (epoch ms). */
  readonly rowHeld?: HeldEvents | undefined;
  readonly at?: number | undefined;
}

export interface ReconcileDeps {
  readonly history: HistoryReader;
  readonly store: TrackingStore;
  readonly ovirt: OvirtJobs;
  readonly mapping: MappingConfig;
  readonly log: Log;
  readonly counters: Counters;
  /** Clock in epoch ms (tests move it to make leases lapse). */
  readonly now: () => number;
  /** A fresh, unique lease owner id per invocation. */
  readonly newOwner: () => string;
  readonly leaseMs: number;
  readonly requeueSeconds: number;
  readonly retentionDays: number;
  readonly dryRun: boolean;
  /** How many rounds one invocation goes round when requests keep arriving. @default 3 */
  readonly maxRounds?: number;
  /**
   * remainingMs: milliseconds left before the invocation's soft deadline (the Lambda's remaining
   * time minus DEADLINE_MARGIN_SECONDS). At zero or below, no new page or oVirt call is started:
   * what is safe is saved and the sync answers `pending`. @default no deadline
   */
  readonly remainingMs?: (() => number) | undefined;
  /**
   * mirrorBeyondRetention: mirror an execution even when it ended longer ago than the retention
   * (the reconciler skips those on purpose: a replayed old event must not create a job again).
   * Only an operator's explicit backfill sets it; the rows of such an execution then expire
   * `retentionDays` after the sync instead of after the end, so they outlive the backfill.
   * @default false
   */
  readonly mirrorBeyondRetention?: boolean | undefined;
  /** Events pushed through CloudWatch Logs for this execution (push path only). */
  readonly pushed?: PushedEvents | undefined;
  /**
   * The push path's share of the GetExecutionHistory quota: a round with pushed events that
   * must read history asks it first, and leaves the execution to the sweep when refused.
   * Absent = unbudgeted (events and the sweep).
   */
  readonly historyBudget?: HistoryBudget | undefined;
}

/** deadlineReached says whether the soft deadline of `deps` has come (never without one). */
export function deadlineReached(deps: Pick<ReconcileDeps, 'remainingMs'>): boolean {
  return deps.remainingMs !== undefined && deps.remainingMs() <= 0;
}

const DAY_MS = 86_400_000;

/** retentionEndsAt is when the retention window after `fromMs` ends, in epoch ms. */
export function retentionEndsAt(fromMs: number, deps: Pick<ReconcileDeps, 'retentionDays'>): number {
  return fromMs + deps.retentionDays * DAY_MS;
}

/**
 * expiryOfEnded is the row TTL (epoch seconds) of an execution that ended at `stoppedAt`: the
 * retention counts from the end, or, when a backfill mirrors it beyond the retention, from now
 * (else its rows would expire as soon as they were written).
 */
export function expiryOfEnded(stoppedAt: number, deps: Pick<ReconcileDeps, 'retentionDays' | 'mirrorBeyondRetention' | 'now'>): number {
  const from = deps.mirrorBeyondRetention === true ? Math.max(stoppedAt, deps.now()) : stoppedAt;
  return expiryAfter(from, deps);
}

/** expiryAfter is the row TTL (epoch seconds) of an execution that ended or was given up at `fromMs`. */
export function expiryAfter(fromMs: number, deps: Pick<ReconcileDeps, 'retentionDays'>): number {
  return Math.ceil(retentionEndsAt(fromMs, deps) / 1000);
}
