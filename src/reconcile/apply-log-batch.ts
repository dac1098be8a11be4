/**
 * applyLogBatch is the push path: one CloudWatch Logs delivery of Step Functions execution
 * records (already parsed, see events/execution-logs.ts), applied execution by execution.
 *
 * - Standard executions go to reconcileExecution with their records as `pushed` events: the part
 *   that continues the tracked cursor is applied with no GetExecutionHistory call; records after a
 *   gap are held on the meta row until the other log stream's delivery fills it; a gap held
 *   longer than `gapWaitMs` is repaired by a history read within the push path's budget, or left
 *   to the sweep (see pushed-events.ts). A failed
 *   sync is counted and logged and does not fail the delivery: it was recorded on the
 *   execution's row, and the sweep repairs the execution from its history. A transient failure
 *   before that (the lease could not be taken, so the table may not know the execution at all)
 *   fails the delivery after the others ran, so Lambda delivers it again: the sweep only visits
 *   executions the table knows or Step Functions lists as running, so an ended execution whose
 *   status events were lost would otherwise never be mirrored.
 * - Express executions have no history: their records are the only source. They go to the
 *   `express` function when one is given; without it they are counted and ignored. Its failure
 *   fails the delivery (after the other executions ran), so Lambda retries it.
 * - Map Run children and records of state machines outside the allow-list follow the same
 *   allow-list as status-change events (runtime.accepts).
 *
 * Executions are processed concurrently, at most `concurrency` at a time.
 */
import type { ExecutionArnParts } from '../model/execution-arn.js';
import type { ExecutionLogGroup, ExecutionLogRecord, ParsedLogBatch } from '../model/execution-log.js';
import type { HistoryEvent } from '../model/execution.js';
import { parseExecutionArn } from '../model/execution-arn.js';
import type { Outcome } from '../model/outcome.js';
import type { ReconcileDeps } from './deps.js';
import { reconcileExecution } from './reconcile-execution.js';
import { wasSettled } from './sync-failure.js';
import { isRetryable } from '../errors.js';

/**
 * ExpressLogSync applies the records of one Express execution (the "express" part of the push
 * path plugs in here). It may throw: the delivery then fails and Lambda retries it.
 */
export type ExpressLogSync = (
  group: ExecutionLogGroup,
  arn: ExecutionArnParts,
  deps: ReconcileDeps,
  signal?: AbortSignal,
) => Promise<Outcome>;

/** LogBatchOptions: how one delivery is applied. */
export interface LogBatchOptions {
  /** Executions processed at once (LOG_BATCH_CONCURRENCY). */
  readonly concurrency: number;
  /** The allow-list, on the execution's state machine ARN (runtime.accepts). */
  readonly accepts: (stateMachineArn: string) => boolean;
  /** Applies Express executions; absent = they are counted (ExpressExecutionsSkipped) and ignored. */
  readonly express?: ExpressLogSync | undefined;
  /** The record → history event converter the history reader shares (src/adapters/sfn/log-record-to-history-event.ts). */
  readonly toHistoryEvent: (record: ExecutionLogRecord) => HistoryEvent;
  /** How long Standard records after a gap are held for it (PUSH_GAP_WAIT_SECONDS), in ms. */
  readonly gapWaitMs: number;
  /** Pause while another delivery holds an execution's lease (default: a real timer; the benchmark passes its virtual one). */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** LogBatchReport is what one delivery did; the handler returns it. */
export interface LogBatchReport {
  /** Executions in the delivery that were applied (allow-listed, Standard or Express). */
  executions: number;
  /** Valid records in the delivery, duplicates dropped. */
  records: number;
  /** Records (and, for an undecodable delivery, 1 for the batch) left out as malformed. */
  malformed: number;
  /** GetExecutionHistory calls the pushed records made unnecessary. */
  historyReadsSaved: number;
  /** History reads the push path spent repairing gaps (within its budget). */
  historyReadsSpent: number;
  /** Executions left to the sweep (history budget refused, lease held elsewhere, running). */
  deferred: number;
  /** Executions whose sync failed (Standard: the sweep repairs them). */
  failed: number;
  /** Executions not mirrored (outside the allow-list, or Express without an Express sync). */
  ignored: number;
}

/** applyLogBatch applies a parsed delivery. Throws only when an Express execution failed. */
export async function applyLogBatch(
  batch: ParsedLogBatch,
  deps: ReconcileDeps,
  options: LogBatchOptions,
  signal?: AbortSignal,
): Promise<LogBatchReport> {
  const report: LogBatchReport = {
    executions: 0,
    records: batch.records,
    malformed: batch.malformed.length + (batch.kind === 'malformed' ? 1 : 0),
    historyReadsSaved: 0,
    historyReadsSpent: 0,
    deferred: 0,
    failed: 0,
    ignored: 0,
  };
  // Failures Lambda must retry the delivery for (Express, or Standard not reached on the table).
  const retryFailures: unknown[] = [];
  await forEachBounded(batch.groups, options.concurrency, async (group) => {
    if (signal?.aborted) return;
    const arn = parseExecutionArn(group.executionArn);
    if (arn === undefined || !options.accepts(arn.stateMachineArn)) {
      report.ignored += 1;
      return;
    }
    if (arn.express) {
      if (options.express === undefined) {
        deps.counters.count('ExpressExecutionsSkipped');
        report.ignored += 1;
        return;
      }
      report.executions += 1;
      try {
        const outcome = await options.express(group, arn, deps, signal);
        if (outcome.kind === 'pending') report.deferred += 1;
      } catch (error) {
        report.failed += 1;
        retryFailures.push(error);
      }
      return;
    }
    report.executions += 1;
    const unrecorded = await applyStandard(group, deps, options, report, signal);
    if (unrecorded !== undefined) retryFailures.push(unrecorded);
  });
  if (retryFailures.length > 0) throw retryFailures[0];
  return report;
}

/** applyStandard syncs one Standard execution; returns the error when the delivery must be retried for it (see the file comment). */
async function applyStandard(
  group: ExecutionLogGroup,
  deps: ReconcileDeps,
  options: LogBatchOptions,
  report: LogBatchReport,
  signal?: AbortSignal,
): Promise<unknown> {
  const events = group.records.map((record) => ({ ...options.toHistoryEvent(record), redriveCount: record.redriveCount }));
  const use = { saved: 0, spent: 0 };
  try {
    const outcome = await reconcileExecution(group.executionArn, { ...deps, pushed: { events, use, gapWaitMs: options.gapWaitMs, sleep: options.sleep } }, signal);
    if (outcome.kind === 'pending') report.deferred += 1;
  } catch (error) {
    report.failed += 1;
    // A failure inside the sync was already recorded (the sweep backs off) and logged; one
    // before it (the lease could not be taken) was not.
    if (!wasSettled(error)) {
      const retried = isRetryable(error);
      deps.log.warn(
        retried
          ? 'Could not apply pushed records of an execution; the delivery fails so that Lambda delivers it again'
          : 'Could not apply pushed records of an execution; the sweep syncs it from its history',
        { executionArn: group.executionArn, errorName: (error as Error).name, error: (error as Error).message },
      );
      if (retried) return error;
    }
  } finally {
    report.historyReadsSaved += use.saved;
    report.historyReadsSpent += use.spent;
  }
}

/** forEachBounded runs `task` over `items`, at most `limit` at a time; `task` must not throw. */
async function forEachBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
