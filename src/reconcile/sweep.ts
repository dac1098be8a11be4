/**
 * sweepExecutions is the scheduled poll that keeps running executions live (there is no
 * event per state transition) and recovers lost status-change events: it re-syncs
 * executions whose job is still open, least recently synced first, plus RUNNING executions
 * of allow-listed state machines that the table has never seen (both of their events lost).
 * It spends at most `historyBudget` history pages per run, because GetExecutionHistory's
 * quota (20/s per account) is shared with everyone else in the account, and visits no more
 * executions once the invocation's soft deadline has come.
 */
import type { HistoryReader } from '../ports.js';
import { deadlineReached } from './deps.js';
import type { ReconcileDeps } from './deps.js';
import { reconcileExecution } from './reconcile-execution.js';

/** Events per GetExecutionHistory page (the adapter's maximum), to turn a read into pages. */
const PAGE_SIZE = 1000;

/** SweepOptions bounds one sweep run. */
export interface SweepOptions {
  readonly maxExecutions: number;
  readonly historyBudget: number;
  /** Allow-listed state machines whose RUNNING executions are listed to discover unknown ones. */
  readonly discoverIn: readonly string[];
}

/** SweepReport counts what one run did. */
export interface SweepReport {
  visited: number;
  converged: number;
  pending: number;
  failed: number;
  /** GetExecutionHistory pages read (a reverse read counts ⌈events / 1000⌉, at least 1). */
  historyReads: number;
  budgetExhausted: boolean;
  /** True when the soft deadline stopped the run before it visited every candidate. */
  deadlineReached: boolean;
}

/** sweepExecutions runs one sweep. Errors of one execution are logged and do not stop the others. */
export async function sweepExecutions(deps: ReconcileDeps, options: SweepOptions, signal?: AbortSignal): Promise<SweepReport> {
  const report: SweepReport = { visited: 0, converged: 0, pending: 0, failed: 0, historyReads: 0, budgetExhausted: false, deadlineReached: false };
  const history = countingReads(deps.history, report);
  const arns = await candidates(deps, options, signal);
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
      const outcome = await reconcileExecution(arn, { ...deps, history }, signal);
      report[outcome.kind] += 1;
    } catch (error) {
      report.failed += 1;
      deps.log.warn('Sweep could not sync an execution; it stays open for the next sweep', {
        executionArn: arn,
        errorName: (error as Error).name,
        error: (error as Error).message,
      });
    }
  }
  return report;
}

async function candidates(deps: ReconcileDeps, options: SweepOptions, signal?: AbortSignal): Promise<string[]> {
  const open = (await deps.store.listOpen(options.maxExecutions)).map((entry) => entry.executionArn);
  const seen = new Set(open);
  for (const stateMachineArn of options.discoverIn) {
    if (seen.size >= options.maxExecutions) break;
    for (const arn of await discover(deps, stateMachineArn, options.maxExecutions, signal)) seen.add(arn);
  }
  return [...seen].slice(0, options.maxExecutions);
}

/**
 * discover lists one allow-listed state machine's RUNNING executions. A failure (throttled, or
 * a state machine that was deleted or misspelt in STATE_MACHINE_ARNS) is logged and skipped:
 * it must not keep the sweep from the open executions it already knows.
 */
async function discover(deps: ReconcileDeps, stateMachineArn: string, limit: number, signal?: AbortSignal): Promise<string[]> {
  try {
    return await deps.history.listRunning(stateMachineArn, limit, signal);
  } catch (error) {
    deps.log.warn('Sweep could not list running executions of a state machine; skipping it this time', {
      stateMachineArn,
      errorName: (error as Error).name,
      error: (error as Error).message,
    });
    return [];
  }
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
