/**
 * toHistoryEvent narrows an SDK history event to our HistoryEvent. Of the single
 * `*EventDetails` member only the fields the tree builder reads are kept (an allow-list), so
 * execution data (`input`, `output`, `parameters`, `assignedVariables`, `taskCredentials`, …)
 * is never copied anywhere, whatever new field AWS adds.
 */
import type { HistoryEvent as SdkHistoryEvent } from '@aws-sdk/client-sfn';
import type { HistoryEvent, HistoryEventDetails } from '../../model/execution.js';

const TEXT_FIELDS = ['name', 'error', 'cause', 'mapRunArn', 'resourceType', 'resource'] as const;
const NUMBER_FIELDS = ['index', 'length', 'redriveCount'] as const;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * toHistoryEvent converts one event: `timestamp` Date → epoch ms, `details` = the allowed
 * fields of its `*EventDetails` member (undefined when the type has none).
 * @example
 * const events = (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events?.map(toHistoryEvent);
 */
export function toHistoryEvent(event: SdkHistoryEvent): HistoryEvent {
  const detailsKey = Object.keys(event).find((key) => key.endsWith('EventDetails'));
  const raw = detailsKey === undefined ? undefined : (event as unknown as Record<string, unknown>)[detailsKey];
  return {
    id: event.id ?? 0,
    previousEventId: event.previousEventId ?? 0,
    timestamp: toEpochMs(event.timestamp),
    type: event.type ?? 'Unknown',
    details: typeof raw === 'object' && raw !== null ? pickDetails(raw as Record<string, unknown>) : undefined,
  };
}

function pickDetails(raw: Record<string, unknown>): HistoryEventDetails {
  const details: Writable<HistoryEventDetails> = {};
  for (const field of TEXT_FIELDS) {
    const value = raw[field];
    if (typeof value === 'string') details[field] = value;
  }
  for (const field of NUMBER_FIELDS) {
    const value = raw[field];
    if (typeof value === 'number') details[field] = value;
  }
  return details;
}

/** toEpochMs accepts the SDK's Date (and, defensively, ISO strings or numbers). @internal */
export function toEpochMs(value: Date | string | number | undefined): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  return typeof value === 'number' ? value : 0;
}
