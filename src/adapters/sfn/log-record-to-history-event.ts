/**
 * logRecordToHistoryEvent turns one Step Functions log record into our HistoryEvent through the
 * same converter the history reader uses (toHistoryEvent), so a pushed record and the history
 * event it copies give the same tree, and execution data in `details` is dropped by the same
 * allow-list. A log record carries the history event's `*EventDetails` object unwrapped, and
 * may write its numbers as strings (docs/step-functions-signals.md#log-records).
 */
import type { HistoryEvent as SdkHistoryEvent } from '@aws-sdk/client-sfn';
import type { ExecutionLogRecord } from '../../model/execution-log.js';
import type { HistoryEvent } from '../../model/execution.js';
import { toHistoryEvent } from './to-history-event.js';

/** Detail fields the tree builder reads as numbers (see toHistoryEvent's allow-list). */
const NUMBER_FIELDS = ['index', 'length', 'redriveCount'] as const;

/**
 * logRecordToHistoryEvent converts one validated record.
 * @example
 * const events = group.records.map(logRecordToHistoryEvent);
 */
export function logRecordToHistoryEvent(record: ExecutionLogRecord): HistoryEvent {
  const sdkEvent = {
    id: record.id,
    previousEventId: record.previousEventId,
    timestamp: new Date(record.timestamp),
    type: record.type,
    // Any member named *EventDetails is the one toHistoryEvent reads.
    ...(record.details === undefined ? {} : { recordEventDetails: withNumbers(record.details) }),
  } as unknown as SdkHistoryEvent;
  return toHistoryEvent(sdkEvent);
}

function withNumbers(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...details };
  for (const field of NUMBER_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string' && /^\d{1,15}$/.test(value)) copy[field] = Number(value);
  }
  return copy;
}
