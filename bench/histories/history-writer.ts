/**
 * The benchmark's histories, written in id order with the product's HistoryWriter: one event
 * every `stepMs`, each pointing at the previous event of its own thread (an event points at
 * the previous event of its thread, not at id − 1), plus the state visits the shapes repeat.
 */
import { HistoryWriter } from '../../src/local/demo-pipelines/history-writer.js';
import type { SfnRecording } from '../../src/local/sfn-stub/index.js';

/** Details is the content of an event's `*EventDetails` member, e.g. `{ name }` for a `*StateEntered`. */
export type Details = Readonly<Record<string, unknown>>;

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

/** benchWriter is a writer whose event `id` is at START_MS + id × stepMs. */
export function benchWriter(stepMs = 100): HistoryWriter {
  return new HistoryWriter(START_MS + stepMs, stepMs);
}

/** add appends an event after `thread.last` and moves the thread on; returns the new id. */
export function add(writer: HistoryWriter, thread: Thread, type: string, details?: Details): number {
  thread.last = writer.append(type, thread.last, details);
  return thread.last;
}

/** recording wraps the writer's events with the execution's names and a definition. */
export function recording(writer: HistoryWriter, naming: ExecutionNaming, definition: object): SfnRecording {
  return {
    description: {
      executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${naming.stateMachine}:${naming.execution}`,
      stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${naming.stateMachine}`,
      name: naming.execution,
      startDate: START_MS,
    },
    events: writer.events(),
    definition,
  };
}

const LAMBDA = { resourceType: 'lambda', resource: 'invoke' };

/**
 * taskAttempts lists the inner events of a Lambda Task visit: `failures` failed attempts (each
 * retried), then one that succeeds.
 */
export function taskAttempts(failures = 0): Array<[string, Details | undefined]> {
  const attempt = (last: [string, Details]): Array<[string, Details | undefined]> => [
    ['TaskScheduled', { ...LAMBDA, region: REGION, parameters: '{}' }],
    ['TaskStarted', LAMBDA],
    last,
  ];
  const failed: [string, Details] = ['TaskFailed', { ...LAMBDA, error: 'Lambda.ServiceException', cause: 'busy' }];
  const succeeded: [string, Details] = ['TaskSucceeded', { ...LAMBDA, output: '{}' }];
  return [...Array.from({ length: failures }, () => attempt(failed)).flat(), ...attempt(succeeded)];
}

/** visitEvents lists every event of one visit of a state: entered, inner events, exited. */
export function visitEvents(stateType: string, name: string, failures = 0): Array<[string, Details | undefined]> {
  const inner = stateType === 'Task' ? taskAttempts(failures) : [];
  return [[`${stateType}StateEntered`, { name }], ...inner, [`${stateType}StateExited`, { name }]];
}

/** visit appends one whole visit to `thread`. */
export function visit(writer: HistoryWriter, thread: Thread, stateType: string, name: string, failures = 0): void {
  for (const [type, details] of visitEvents(stateType, name, failures)) add(writer, thread, type, details);
}
