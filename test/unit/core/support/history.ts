/**
 * History: synthetic Step Functions histories for the core tests, written in id order with the
 * product's HistoryWriter (events 7 ms apart) and converted by the Step Functions adapter's
 * toHistoryEvent, so the core is tested on what production hands it. Every event points at the
 * previous event of its own thread, iterations at MapStateStarted, branches at
 * ParallelStateStarted.
 */
import type { HistoryEvent as SfnHistoryEvent } from '@aws-sdk/client-sfn';
import { toHistoryEvent } from '../../../../src/adapters/sfn/to-history-event.js';
import { HistoryWriter } from '../../../../src/local/demo-pipelines/history-writer.js';
import type { HistoryEvent, HistoryEventDetails } from '../../../../src/model/execution.js';

/** AttemptOutcome is the outcome of one Task attempt: 'ok' or the failure it reported. */
export type AttemptOutcome = 'ok' | { readonly error: string; readonly cause: string };

const FIRST_EVENT_MS = Date.UTC(2025, 2, 14, 9, 0, 0) + 7;
const LAMBDA = { resourceType: 'lambda', resource: 'invoke' };

/** History collects events with consecutive ids and increasing timestamps. */
export class History {
  private readonly writer = new HistoryWriter(FIRST_EVENT_MS, 7);

  /** events are the events written so far, as the adapter converts them. */
  get events(): HistoryEvent[] {
    // The writer's events are GetExecutionHistory-shaped with ISO dates; the adapter reads those too.
    return this.writer.events().map((event) => toHistoryEvent(event as unknown as SfnHistoryEvent));
  }

  /** size is the number of events written so far. */
  get size(): number {
    return this.writer.size;
  }

  /** add appends one event and returns its id. */
  add(type: string, prev: number, details?: HistoryEventDetails): number {
    return this.writer.append(type, prev, details);
  }

  /** start appends ExecutionStarted (its first state must then point at 0). */
  start(): number {
    return this.add('ExecutionStarted', 0);
  }

  /** simple enters and exits a state without inner events; returns the exit id. */
  simple(prev: number, type: string, name: string): number {
    const entered = this.add(`${type}StateEntered`, prev, { name });
    return this.add(`${type}StateExited`, entered, { name });
  }

  /** attempts appends Task attempts after `prev`; returns the last inner event id. */
  attempts(prev: number, outcomes: readonly AttemptOutcome[]): number {
    let last = prev;
    for (const outcome of outcomes) {
      last = this.add('TaskScheduled', last, LAMBDA);
      last = this.add('TaskStarted', last, LAMBDA);
      last = outcome === 'ok' ? this.add('TaskSucceeded', last, LAMBDA) : this.add('TaskFailed', last, { ...LAMBDA, ...outcome });
    }
    return last;
  }

  /** task enters a Task, runs its attempts and exits (caught when the last one failed); returns the exit id. */
  task(prev: number, name: string, outcomes: readonly AttemptOutcome[] = ['ok']): number {
    const entered = this.add('TaskStateEntered', prev, { name });
    return this.add('TaskStateExited', this.attempts(entered, outcomes), { name });
  }

  /** succeed appends a Succeed state and ExecutionSucceeded. */
  succeed(prev: number, name = 'Done'): number {
    return this.add('ExecutionSucceeded', this.simple(prev, 'Succeed', name));
  }
}

/** failure builds an attempt failure. */
export const failure = (error: string, cause = `${error} happened`): AttemptOutcome => ({ error, cause });
