/**
 * makeOnExecutionLogsHandler wires the CloudWatch Logs subscription handler: decode and
 * validate the delivery of Step Functions execution records, count and log (without their
 * text) the malformed ones, and apply the rest execution by execution (reconcile/apply-log-batch.ts).
 * A malformed record or delivery never reaches oVirt and never fails the invocation: retrying
 * it could not make it valid.
 */
import type { Context } from 'aws-lambda';
import { logRecordToHistoryEvent } from '../adapters/sfn/log-record-to-history-event.js';
import { parseExecutionLogs } from '../events/execution-logs.js';
import type { ParsedLogBatch } from '../events/execution-logs.js';
import type { Log, Counters } from '../model/telemetry.js';
import { applyLogBatch } from '../reconcile/apply-log-batch.js';
import type { ExpressLogSync, LogBatchReport } from '../reconcile/apply-log-batch.js';
import type { Runtime } from '../runtime/runtime.js';
import { expressLogSync } from '../reconcile/express/sync-express.js';
import { expressSettings } from './express-settings.js';
import { handlerStack, invocationDeps } from './handler-stack.js';

/** OnExecutionLogsOptions: parts plugged into the push path. */
export interface OnExecutionLogsOptions {
  /** Applies Express executions' records. @default the Express sync with the EXPRESS_* settings (reconcile/express) */
  readonly express?: ExpressLogSync | undefined;
  /**
   * The pause of a delivery waiting for an execution's lease held by another delivery.
   * @default a real timer (the chaos suite shortens it: its crashed holders keep their leases in virtual time)
   */
  readonly leaseWaitSleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** makeOnExecutionLogsHandler returns the middy handler for `runtime`. */
export function makeOnExecutionLogsHandler(runtime: Runtime, options: OnExecutionLogsOptions = {}) {
  const { config } = runtime;
  const express = options.express ?? expressLogSync(expressSettings(config), logRecordToHistoryEvent);
  const base = async (event: unknown, context: Context, { signal }: { signal: AbortSignal }): Promise<LogBatchReport> => {
    const batch = parseExecutionLogs(event);
    countAndLogMalformed(batch, runtime.log, runtime.counters);
    const deps = { ...invocationDeps(runtime, context), historyBudget: runtime.historyBudget };
    const report = await applyLogBatch(
      batch,
      deps,
      {
        concurrency: config.logBatchConcurrency,
        accepts: (arn) => runtime.accepts(arn),
        express,
        toHistoryEvent: logRecordToHistoryEvent,
        gapWaitMs: config.pushGapWaitSeconds * 1000,
        sleep: options.leaseWaitSleep,
      },
      signal,
    );
    if (report.historyReadsSaved > 0) runtime.counters.count('HistoryReadsSaved', report.historyReadsSaved);
    return report;
  };
  return handlerStack(runtime, base);
}

/** countAndLogMalformed reports what was left out by position and schema path only, never a record's text. */
function countAndLogMalformed(batch: ParsedLogBatch, log: Log, counters: Counters): void {
  counters.count('LogBatchesReceived');
  if (batch.records > 0) counters.count('LogRecordsReceived', batch.records);
  const where = { logGroup: batch.logGroup, logStream: batch.logStream };
  if (batch.kind === 'malformed') {
    counters.count('LogBatchesMalformed');
    log.warn('Ignored a CloudWatch Logs delivery that is not a valid subscription payload; nothing of it reached oVirt', {
      ...where,
      reasons: batch.batchReasons,
    });
  }
  if (batch.malformed.length > 0) {
    counters.count('LogRecordsMalformed', batch.malformed.length);
    log.warn('Left out log records that are not Step Functions execution records; the rest of the delivery was applied', {
      ...where,
      malformed: batch.malformed,
    });
  }
}
