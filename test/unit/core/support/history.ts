/**
 * History: a small builder of synthetic Step Functions histories that follow the
 * previousEventId rules of docs/step-functions-signals.md#previous-event-id: every event points at the previous event of
 * its own thread, iterations at MapStateStarted, branches at ParallelStateStarted.
 */
import type { HistoryEvent, HistoryEventDetails } from '../../../../src/model/execution.js';

/** AttemptOutcome is the outcome of one Task attempt: 'ok' or the failure it reported. */
export type AttemptOutcome = 'ok' | { readonly error: string; readonly cause: string };

/** History collects events with consecutive ids and increasing timestamps. */
export class History {
  readonly events: HistoryEvent[] = [];
  private clock = Date.UTC(2025, 2, 14, 9, 0, 0);

  /** add appends one event and returns its id. */
  add(type: string, prev: number, details?: HistoryEventDetails): number {
    const id = this.events.length + 1;
    this.clock += 7;
    this.events.push({ id, previousEventId: prev, timestamp: this.clock, type, ...(details ? { details } : {}) });
    return id;
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
      last = this.add('TaskScheduled', last, { resourceType: 'lambda', resource: 'invoke' });
      last = this.add('TaskStarted', last, { resourceType: 'lambda', resource: 'invoke' });
      last =
        outcome === 'ok'
          ? this.add('TaskSucceeded', last, { resourceType: 'lambda', resource: 'invoke' })
          : this.add('TaskFailed', last, { resourceType: 'lambda', resource: 'invoke', ...outcome });
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
