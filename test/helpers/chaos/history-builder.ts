/**
 * HistoryBuilder writes the histories of generated chaos pipelines with the product's
 * HistoryWriter, in id order, events 100 ms apart: each event points at the previous event of
 * its own thread, iterations at MapStateStarted (or, one at a time, at the previous iteration's
 * last event), branches at ParallelStateStarted.
 */
import { HistoryWriter } from '../../../src/local/demo-pipelines/history-writer.js';
import type { SdkHistoryEvent } from '../../../src/local/sfn-stub/index.js';

type Details = Record<string, unknown>;

const LAMBDA = { resourceType: 'lambda', resource: 'invoke' };

/** HistoryBuilder appends events with consecutive ids, 100 ms apart, the first at `startMs`. */
export class HistoryBuilder {
  private readonly writer: HistoryWriter;

  constructor(startMs: number) {
    this.writer = new HistoryWriter(startMs, 100);
  }

  /** events are the SDK-shaped events written so far. */
  get events(): SdkHistoryEvent[] {
    return this.writer.events();
  }

  /** add appends one event and returns its id. */
  add(type: string, prev: number, details?: Details): number {
    return this.writer.append(type, prev, details);
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
