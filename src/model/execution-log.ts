/**
 * Step Functions execution records as they arrive through CloudWatch Logs (the push path),
 * validated and grouped by src/events/execution-logs.ts; the record shape is in
 * docs/step-functions-signals.md#log-records.
 */

/** ExecutionLogRecord is one validated log record, its numeric strings turned into numbers. */
export interface ExecutionLogRecord {
  readonly id: number;
  readonly type: string;
  /** 0 for "none": a link within one thread, not id − 1 (docs/step-functions-signals.md#previous-event-id). */
  readonly previousEventId: number;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly executionArn: string;
  /** The run the record belongs to: 0, then 1, 2 … per redrive. */
  readonly redriveCount: number;
  /** The history event's `*EventDetails` object, unwrapped; may hold execution data (never logged). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * ExecutionLogGroup is the records of one execution in one delivery, ascending by id, without
 * duplicates (same id and timestamp); an id repeats only across restarted Express runs.
 */
export interface ExecutionLogGroup {
  readonly executionArn: string;
  readonly records: readonly ExecutionLogRecord[];
}

/** MalformedLogRecord says which log event was left out and why, without its text. */
export interface MalformedLogRecord {
  /** Position in the delivery's `logEvents`. */
  readonly index: number;
  /** Schema paths and issue codes (e.g. `id: invalid_format`), or `not JSON`. */
  readonly reasons: readonly string[];
}

/** ParsedLogBatch is what one delivery holds. */
export interface ParsedLogBatch {
  /** 'data': records to apply; 'control': CloudWatch's own health check, nothing to do; 'malformed': undecodable. */
  readonly kind: 'data' | 'control' | 'malformed';
  readonly groups: readonly ExecutionLogGroup[];
  /** Valid records kept (after dropping duplicate ids). */
  readonly records: number;
  readonly malformed: readonly MalformedLogRecord[];
  /** Why the whole delivery was refused (kind 'malformed'), as issue paths and codes. */
  readonly batchReasons?: readonly string[] | undefined;
  readonly logGroup?: string | undefined;
  readonly logStream?: string | undefined;
}
