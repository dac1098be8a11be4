/**
 * The CloudWatch Logs record Step Functions writes for one history event when a state machine
 * logs at level ALL: the event's id, type and `*EventDetails` content (unwrapped), the id it
 * points at, its time, the execution and the run it belongs to. Every top-level scalar is a
 * string, as in the records AWS writes (the details keep their own types); `details` is absent
 * when the event type has no details member (docs/step-functions-signals.md#log-records).
 *
 * The stub logs as a state machine configured with `includeExecutionData: false`, the setting
 * the README recommends: state and execution input, output and task parameters are left out,
 * only metadata (state names, resources, errors, role) stays.
 */
import { applyEvent, deriveExecution } from '../derive-execution.js';
import type { StoredExecution, StubEvent } from '../stored-execution.js';

/** StubLogRecord is one log record, as it is serialised into a log event's `message`. */
export interface StubLogRecord {
  readonly id: string;
  readonly type: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly previous_event_id: string;
  readonly event_timestamp: string;
  readonly execution_arn: string;
  readonly redrive_count: string;
}

/** EXECUTION_DATA lists the details members `includeExecutionData: false` leaves out. */
const EXECUTION_DATA = new Set(['input', 'inputDetails', 'output', 'outputDetails', 'parameters']);

/**
 * logRecordOf writes the record of `event` of execution `executionArn` in run `redriveCount`.
 * @example logRecordOf(arn, { id: 2, previousEventId: 0, type: 'PassStateEntered', timestampMs: 1741943702451, details: { name: 'Prepare' } }, 0)
 */
export function logRecordOf(executionArn: string, event: StubEvent, redriveCount: number): StubLogRecord {
  const details = event.details === undefined ? undefined : Object.fromEntries(Object.entries(event.details).filter(([key]) => !EXECUTION_DATA.has(key)));
  return {
    id: String(event.id),
    type: event.type,
    ...(details === undefined ? {} : { details }),
    previous_event_id: String(event.previousEventId),
    event_timestamp: String(event.timestampMs),
    execution_arn: executionArn,
    redrive_count: String(redriveCount),
  };
}

/**
 * logRecordsOf writes the records of events `from`..`to`-1 of `execution`, each in the run it
 * belongs to (`ExecutionRedriven` opens the next run and is logged in it).
 */
export function logRecordsOf(execution: StoredExecution, from: number, to: number): StubLogRecord[] {
  const records: StubLogRecord[] = [];
  let state = deriveExecution(execution, from);
  for (let i = from; i < to; i++) {
    const event = execution.events[i];
    if (event === undefined) continue;
    state = applyEvent(state, event);
    records.push(logRecordOf(execution.description.executionArn, event, state.redriveCount));
  }
  return records;
}
