/**
 * HistoryBuilder writes Step Functions histories in the SDK's shape (one `*EventDetails`
 * member per event, as the stub serves them) following the previousEventId rules of
 * docs/step-functions-signals.md#previous-event-id: each event points at the previous event of its own thread, iterations at
 * MapStateStarted (or, one at a time, at the previous iteration's last event), branches at
 * ParallelStateStarted.
 */
import type { SdkHistoryEvent } from '../../../src/local/sfn-stub/index.js';

type Details = Record<string, unknown>;

/** detailsMember names the details member of an event type, as the SDK does. */
function detailsMember(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

const LAMBDA = { resourceType: 'lambda', resource: 'invoke' };

/** HistoryBuilder appends events with consecutive ids, 100 ms apart. */
export class HistoryBuilder {
  readonly events: SdkHistoryEvent[] = [];

  constructor(private readonly startMs: number) {}

  /** add appends one event and returns its id. */
  add(type: string, prev: number, details?: Details): number {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: prev, type, timestamp: this.startMs + (id - 1) * 100, ...(details ? { [detailsMember(type)]: details } : {}) });
    return id;
  }

  /** simple enters and exits a state with no inner events; returns the exit id. */
  simple(prev: number, type: string, name: string): number {
    return this.add(`${type}StateExited`, this.add(`${type}StateEntered`, prev, { name }), { name });
  }

  /** attempts appends Task attempts: `failures` failed ones, then one that succeeds (or fails too); returns the last id. */
  attempts(prev: number, failures: number, lastFails: boolean, error = 'WorkFailed'): number {
    let last = prev;
    for (let attempt = 0; attempt <= failures; attempt += 1) {
      last = this.add('TaskScheduled', last, { ...LAMBDA, region: 'eu-west-1', parameters: '{}' });
      last = this.add('TaskStarted', last, LAMBDA);
      const fails = attempt < failures || lastFails;
      last = fails
        ? this.add('TaskFailed', last, { ...LAMBDA, error, cause: `attempt ${attempt + 1} failed` })
        : this.add('TaskSucceeded', last, { ...LAMBDA, output: '{}' });
    }
    return last;
  }

  /** task enters a Task, runs its attempts and exits (caught when the last attempt failed); returns the exit id. */
  task(prev: number, name: string, failures = 0, caught = false): number {
    const entered = this.add('TaskStateEntered', prev, { name });
    return this.add('TaskStateExited', this.attempts(entered, failures, caught), { name });
  }
}
