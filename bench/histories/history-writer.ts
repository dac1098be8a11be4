/**
 * HistoryWriter appends SDK-shaped history events with ids in order, one timestamp step apart,
 * and tracks the last event of each thread so `previousEventId` follows docs/step-functions-signals.md#previous-event-id (an
 * event points at the previous event of its own thread, not at id − 1).
 */
import type { SdkHistoryEvent, SfnRecording } from '../../src/local/sfn-stub/index.js';

/** Details is the single `*EventDetails` member of an event, e.g. `{ stateEnteredEventDetails: { name } }`. */
export type Details = Readonly<Record<string, object>>;

/** Thread is one line of events (top level, one Map iteration); `last` is its newest event id. */
export interface Thread {
  last: number;
}

/** ExecutionNaming names the execution a recording describes. */
export interface ExecutionNaming {
  readonly stateMachine: string;
  readonly execution: string;
}

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
/**
 * Executions start a day before the run, on the minute: recent enough for the product to
 * mirror them (it skips executions that ended before its retention window).
 */
export const START_MS = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;

/** HistoryWriter builds one execution's events. */
export class HistoryWriter {
  readonly events: SdkHistoryEvent[] = [];

  constructor(private readonly stepMs = 100) {}

  /** add appends an event after `thread.last` and moves the thread on; returns the new id. */
  add(thread: Thread, type: string, details?: Details): number {
    const id = this.addPointing(thread.last, type, details);
    thread.last = id;
    return id;
  }

  /** addPointing appends an event whose previousEventId is given as is (no thread moves). */
  addPointing(previousEventId: number, type: string, details?: Details): number {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId, type, timestamp: START_MS + id * this.stepMs, ...details });
    return id;
  }

  /** recording wraps the events with the execution's names and a definition. */
  recording(naming: ExecutionNaming, definition: object): SfnRecording {
    return {
      description: {
        executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${naming.stateMachine}:${naming.execution}`,
        stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${naming.stateMachine}`,
        name: naming.execution,
        startDate: START_MS,
      },
      events: this.events,
      definition,
    };
  }
}

const LAMBDA = { resourceType: 'lambda', resource: 'invoke' };

/** entered is the details member of a `*StateEntered` event. */
export const entered = (name: string): Details => ({ stateEnteredEventDetails: { name } });
/** exited is the details member of a `*StateExited` event. */
export const exited = (name: string): Details => ({ stateExitedEventDetails: { name } });

/**
 * taskAttempts lists the inner events of a Lambda Task visit: `failures` failed attempts (each
 * retried), then one that succeeds.
 */
export function taskAttempts(failures = 0): Array<[string, Details | undefined]> {
  const attempt = (last: [string, Details]): Array<[string, Details | undefined]> => [
    ['TaskScheduled', { taskScheduledEventDetails: { ...LAMBDA, region: REGION, parameters: '{}' } }],
    ['TaskStarted', { taskStartedEventDetails: LAMBDA }],
    last,
  ];
  const failed: [string, Details] = ['TaskFailed', { taskFailedEventDetails: { ...LAMBDA, error: 'Lambda.ServiceException', cause: 'busy' } }];
  const succeeded: [string, Details] = ['TaskSucceeded', { taskSucceededEventDetails: { ...LAMBDA, output: '{}' } }];
  return [...Array.from({ length: failures }, () => attempt(failed)).flat(), ...attempt(succeeded)];
}

/** visitEvents lists every event of one visit of a state: entered, inner events, exited. */
export function visitEvents(stateType: string, name: string, failures = 0): Array<[string, Details | undefined]> {
  const inner = stateType === 'Task' ? taskAttempts(failures) : [];
  return [[`${stateType}StateEntered`, entered(name)], ...inner, [`${stateType}StateExited`, exited(name)]];
}

/** visit appends one whole visit to `thread`. */
export function visit(writer: HistoryWriter, thread: Thread, stateType: string, name: string, failures = 0): void {
  for (const [type, details] of visitEvents(stateType, name, failures)) writer.add(thread, type, details);
}
