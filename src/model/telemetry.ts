/**
 * Log and Counters: the structural logging and metrics surfaces the reconciler writes to.
 * Powertools Logger/Metrics satisfy them in Lambda; tests pass simple recorders.
 */

/** Log is a structured logger; `extra` is merged into the JSON line. Never pass secrets. */
export interface Log {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** MetricName lists every metric the product emits (EMF, namespace OvirtPipelineJobs). */
export type MetricName =
  | 'JobsCreated'
  | 'JobsEnded'
  | 'StepsCreated'
  | 'StepsEnded'
  | 'ObjectsAdopted'
  | 'ObjectsGone'
  | 'TrackingConflicts'
  | 'OvirtErrors'
  | 'AwsErrors'
  | 'EventsRejected'
  | 'ExecutionsSynced'
  | 'ExecutionsPending'
  | 'EventsReceived'
  | 'SweepRuns'
  | 'OvirtPermissionDenied'
  | 'ClaimsHeldByFailedAttempt'
  | 'ClaimsTakenOver'
  | 'DuplicateCreated'
  | 'SyncFailures'
  | 'ExecutionsGone'
  | 'ExecutionsDiscovered'
  | 'LogBatchesReceived'
  | 'LogBatchesMalformed'
  | 'LogRecordsReceived'
  | 'LogRecordsMalformed'
  | 'ExpressExecutionsSkipped'
  | 'HistoryReadsSaved'
  | 'PushHistoryReads'
  | 'PushHistoryReadsRefused'
  | 'ExpressExecutionsNotMirrored'
  | 'ExpressEventsMissing'
  | 'ExpressOutcomesNotLogged'
  | 'ExpressCapSummaries';

/** Counters counts occurrences of a metric. */
export interface Counters {
  count(name: MetricName, value?: number): void;
}

/** silentLog and noCounters are no-op implementations for callers that do not care. */
export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
export const noCounters: Counters = { count() {} };
