/**
 * StoredExecution is the stub's checked, normalised copy of a recording: dates as epoch
 * milliseconds, events sorted by id, the definition as a JSON string. Validation happens once,
 * when the execution is added, so that a bad recording fails at setup, not mid-test.
 */
import type { SdkHistoryEvent, SfnRecording } from './types.js';
import { toEpochMs } from './wire-dates.js';

/** StubEvent is one history event with its timestamp in epoch ms and its details member kept apart. @internal */
export interface StubEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly type: string;
  readonly timestampMs: number;
  /** The `*EventDetails` member name and value, if the event has one. */
  readonly detailsKey?: string | undefined;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** StoredDescription is the recording's description with dates in epoch ms. @internal */
export interface StoredDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly startDate: number;
  readonly status?: string | undefined;
  readonly stopDate?: number | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  readonly redriveCount?: number | undefined;
  readonly redriveDate?: number | undefined;
  readonly mapRunArn?: string | undefined;
  readonly stateMachineVersionArn?: string | undefined;
  readonly stateMachineAliasArn?: string | undefined;
}

/** StoredExecution is one execution the stub serves; `revealed` counts the visible events. @internal */
export interface StoredExecution {
  readonly description: StoredDescription;
  readonly events: readonly StubEvent[];
  readonly definition?: string | undefined;
  readonly mapRuns: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** An Express execution (`…:express:<machine>:<name>:<uuid>`): logs only, no history API, no status events. */
  readonly express: boolean;
  revealed: number;
}

/**
 * storeRecording checks and normalises a recording.
 * @throws Error naming the faulty field when the recording is unusable.
 * @internal
 */
export function storeRecording(rec: SfnRecording, revealed: number | 'all' = 'all'): StoredExecution {
  const d = rec.description;
  for (const field of ['executionArn', 'stateMachineArn', 'name'] as const) {
    if (typeof d[field] !== 'string' || d[field] === '') {
      throw new Error(`Recording description.${field} must be a non-empty string.`);
    }
  }
  const events = rec.events.map((e) => toStubEvent(e, d.executionArn)).sort((a, b) => a.id - b.id);
  const execution: StoredExecution = {
    description: {
      ...d,
      startDate: toEpochMs(d.startDate, 'description.startDate') ?? 0,
      stopDate: toEpochMs(d.stopDate, 'description.stopDate'),
      redriveDate: toEpochMs(d.redriveDate, 'description.redriveDate'),
    },
    events,
    definition: typeof rec.definition === 'object' ? JSON.stringify(rec.definition) : rec.definition,
    mapRuns: new Map(Object.entries(rec.mapRuns ?? {}) as [string, Record<string, unknown>][]),
    express: isExpressArn(d.executionArn),
    revealed: 0,
  };
  execution.revealed = countUpTo(execution, revealed);
  return execution;
}

/** isExpressArn tells an Express execution ARN by its resource type, `express`. @internal */
export function isExpressArn(executionArn: string): boolean {
  return executionArn.split(':')[5] === 'express';
}

/** countUpTo is the number of events with id ≤ `upToEventId` ('all' = every event). @internal */
export function countUpTo(execution: StoredExecution, upToEventId: number | 'all'): number {
  if (upToEventId === 'all') return execution.events.length;
  let count = 0;
  while (count < execution.events.length && (execution.events[count]?.id ?? Infinity) <= upToEventId) count++;
  return count;
}

function toStubEvent(e: SdkHistoryEvent, executionArn: string): StubEvent {
  if (!Number.isInteger(e.id) || e.id < 1 || typeof e.type !== 'string') {
    throw new Error(`Recording ${executionArn} has an event without a positive integer id or a type.`);
  }
  const detailsKey = Object.keys(e).find((k) => k.endsWith('EventDetails'));
  const details = detailsKey === undefined ? undefined : (e[detailsKey] as Record<string, unknown>);
  return {
    id: e.id,
    previousEventId: e.previousEventId ?? 0,
    type: e.type,
    timestampMs: toEpochMs(e.timestamp, `events[id=${e.id}].timestamp`) ?? 0,
    detailsKey,
    details,
  };
}
