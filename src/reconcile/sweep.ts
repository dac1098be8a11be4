/**
 * sweepExecutions is the scheduled poll that keeps running executions live (there is no
 * event per state transition) and recovers lost status-change events: it re-syncs
 * executions whose job is still open, least recently synced first, plus RUNNING executions
 * of allow-listed state machines that the table has never seen (both of their events lost).
 *
 * Its `maxExecutions` slots are shared: `discoveryPercent` of them (rounded up, at least one)
 * are kept for discovery, the rest go to open executions, and a share the one side does not
 * use goes to the other. So neither side can starve the other: a lost RUNNING execution is
 * found even while open executions would fill every slot, and open executions are still
 * visited round-robin. Executions backing off after failed syncs (see sync-failure.ts) are not
 * due and take no slot.
 *
 * It spends at most `historyBudget` history pages per run, because GetExecutionHistory's
 * quota (20/s per account) is shared with everyone else in the account, and visits no more
 * executions once the invocation's soft deadline has come.
 */
import type { HistoryReader } from '../ports.js';
import { deadlineReached } from './deps.js';
import type { ReconcileDeps } from './deps.js';
import { reconcileExecution } from './reconcile-execution.js';
import { wasSettled } from './sync-failure.js';
import type { Outcome } from '../model/outcome.js';
import { summariseCapWindow } from './express/cap-summary.js';
import { parseCapWindowKey, parseExpressKey } from './express/identity.js';
import { DEFAULT_EXPRESS_SETTINGS } from './express/settings.js';
import type { ExpressSettings } from './express/settings.js';
import { syncExpressFromSweep } from './express/sync-express.js';

/** Events per GetExecutionHistory page (the adapter's maximum), to turn a read into pages. */
const PAGE_SIZE = 1000;
/** Executions looked up in the table per request during discovery (BatchGetItem's maximum). */
const LOOKUP_CHUNK = 100;

/** SweepOptions bounds one sweep run. */
export interface SweepOptions {
  readonly maxExecutions: number;
  readonly historyBudget: number;
  /** Allow-listed state machines whose RUNNING executions are listed to discover unknown ones. */
  readonly discoverIn: readonly string[];
  /** Percentage of `maxExecutions` kept for discovery (rounded up, at least 1 when > 0). */
  readonly discoveryPercent: number;
  /** RUNNING executions listed per state machine per run, newest first. */
  readonly discoveryScanLimit: number;
  /** The EXPRESS_* settings for Express runs and cap windows in the index. @default DEFAULT_EXPRESS_SETTINGS */
  readonly express?: ExpressSettings | undefined;
}

/** SweepReport counts what one run did. */
export interface SweepReport {
  visited: number;
  converged: number;
  pending: number;
  failed: number;
  /** RUNNING executions found that the table did not know (visited first). */
  discovered: number;
  /** GetExecutionHistory pages read (a reverse read counts ⌈events / 1000⌉, at least 1). */
  historyReads: number;
  budgetExhausted: boolean;
  /** True when the soft deadline stopped the run before it visited every candidate. */
  deadlineReached: boolean;
  /**
   * How long (seconds) the least recently synced open execution that is due has waited since
   * its last sync (or since its backoff ended); 0 when none is due. It grows when the sweep
   * falls behind or stops getting through: the "pending too long" alarm watches it.
   */
  oldestDueAgeSeconds: number;
}

/** sweepExecutions runs one sweep. Errors of one execution are logged and do not stop the others. */
export async function sweepExecutions(deps: ReconcileDeps, options: SweepOptions, signal?: AbortSignal): Promise<SweepReport> {
  const report: SweepReport = {
    visited: 0,
    converged: 0,
    pending: 0,
    failed: 0,
    discovered: 0,
    historyReads: 0,
    budgetExhausted: false,
    deadlineReached: false,
    oldestDueAgeSeconds: 0,
  };
  const history = countingReads(deps.history, report);
  const arns = await candidates(deps, options, report, signal);
  for (const arn of arns) {
    if (signal?.aborted) break;
    if (deadlineReached(deps)) {
      report.deadlineReached = true;
      break;
    }
    if (report.historyReads >= options.historyBudget) {
      report.budgetExhausted = true;
      break;
    }
    report.visited += 1;
    try {
      const outcome = await visit(arn, { ...deps, history }, options, signal);
      report[outcome.kind] += 1;
    } catch (error) {
      report.failed += 1;
      // A failure inside the sync was already recorded and logged with its backoff (sync-failure.ts);
      // one before it (the lease could not even be taken) was not.
      if (!wasSettled(error)) {
        deps.log.warn('Sweep could not start syncing an execution; it stays where it was in the sweep order', {
          executionArn: arn,
          errorName: (error as Error).name,
          error: (error as Error).message,
        });
      }
    }
  }
  return report;
}

/**
 * visit syncs one entry of the index. Express runs and cap windows have no history: they go to
 * their own syncs (records held on the meta row, time), never to DescribeExecution.
 */
function visit(key: string, deps: ReconcileDeps, options: SweepOptions, signal?: AbortSignal): Promise<Outcome> {
  const settings = options.express ?? DEFAULT_EXPRESS_SETTINGS;
  const express = parseExpressKey(key);
  if (express !== undefined) return syncExpressFromSweep(express, deps, settings, signal);
  const window = parseCapWindowKey(key);
  if (window !== undefined) return summariseCapWindow(key, window, deps, settings, signal);
  return reconcileExecution(key, deps, signal);
}

/** candidates: discovered executions first (few, and their share is the guarantee), then open ones. */
async function candidates(deps: ReconcileDeps, options: SweepOptions, report: SweepReport, signal?: AbortSignal): Promise<string[]> {
  const slots = options.maxExecutions;
  const reserved = discoverySlots(options);
  const now = deps.now();
  const due = await deps.store.listDue(slots, now, signal);
  // listDue answers least recently synced first.
  report.oldestDueAgeSeconds = due[0] === undefined ? 0 : Math.max(0, Math.floor((now - due[0].lastSyncedAt) / 1000));
  const open = due.map((entry) => entry.executionArn);
  // Discovery may use its own share plus whatever open executions leave unused…
  const discoveryLimit = slots - Math.min(open.length, slots - reserved);
  const discovered = discoveryLimit > 0 && !deadlineReached(deps) ? await discover(deps, options, discoveryLimit, signal) : [];
  report.discovered = discovered.length;
  if (discovered.length > 0) deps.counters.count('ExecutionsDiscovered', discovered.length);
  // …and open executions get every slot discovery did not fill.
  return [...new Set([...discovered, ...open.slice(0, slots - discovered.length)])];
}

/** discoverySlots is discovery's share of a run: `discoveryPercent` of the slots, rounded up, at least one. */
export function discoverySlots(options: Pick<SweepOptions, 'maxExecutions' | 'discoverIn' | 'discoveryPercent'>): number {
  const percent = options.discoveryPercent;
  if (options.discoverIn.length === 0 || percent <= 0) return 0;
  return Math.min(options.maxExecutions, Math.max(1, Math.ceil((options.maxExecutions * percent) / 100)));
}

/**
 * discover finds up to `limit` RUNNING executions of the allow-listed state machines that the
 * table has no row for. ListExecutions answers newest first, so the most recently started are
 * checked first; those the table already tracks are filtered out in chunks of 100 (BatchGetItem's
 * maximum). At most `discoveryScanLimit` are listed per
 * state machine. A failure of one state machine (throttled, deleted, misspelt in
 * STATE_MACHINE_ARNS) or of the table lookup is logged and skipped: discovery must not keep the
 * sweep from the open executions it already knows.
 */
async function discover(deps: ReconcileDeps, options: SweepOptions, limit: number, signal?: AbortSignal): Promise<string[]> {
  const found: string[] = [];
  const scanLimit = options.discoveryScanLimit;
  for (const stateMachineArn of options.discoverIn) {
    if (found.length >= limit || signal?.aborted) break;
    try {
      const running = await deps.history.listRunning(stateMachineArn, scanLimit, signal);
      for (let start = 0; start < running.length && found.length < limit; start += LOOKUP_CHUNK) {
        const chunk = running.slice(start, start + LOOKUP_CHUNK);
        const tracked = await deps.store.trackedAmong(chunk, signal);
        // Express executions have no history to read: only their log records mirror them.
        const fresh = chunk.filter((arn) => !tracked.has(arn) && !found.includes(arn) && parseExpressKey(arn) === undefined);
        found.push(...fresh.slice(0, limit - found.length));
      }
    } catch (error) {
      // An Express state machine in STATE_MACHINE_ARNS: it has no executions to list (its log records mirror them).
      if ((error as { awsName?: unknown }).awsName === 'StateMachineTypeNotSupported') continue;
      deps.log.warn('Sweep could not look for lost running executions of a state machine; skipping it this time', {
        stateMachineArn,
        errorName: (error as Error).name,
        error: (error as Error).message,
      });
    }
  }
  return found;
}

function countingReads(history: HistoryReader, report: SweepReport): HistoryReader {
  return {
    describeExecution: (arn, signal) => history.describeExecution(arn, signal),
    readEventsAfter: async (arn, after, signal) => {
      let pages = 1;
      try {
        const events = await history.readEventsAfter(arn, after, signal);
        pages = Math.max(1, Math.ceil(events.length / PAGE_SIZE));
        return events;
      } finally {
        report.historyReads += pages;
      }
    },
    readPage: (arn, token, signal) => {
      report.historyReads += 1;
      return history.readPage(arn, token, signal);
    },
    describeDefinition: (arn, signal) => history.describeDefinition(arn, signal),
    describeMapRun: (arn, signal) => history.describeMapRun(arn, signal),
    listRunning: (arn, limit, signal) => history.listRunning(arn, limit, signal),
  };
}
