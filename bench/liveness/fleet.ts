/**
 * Fleet: N Standard executions running at once, each a long chain of Task states, moving to
 * its next state every 30–120 s (uniform, seeded per execution). Histories are generated on
 * demand from the seed — an execution's events up to any time are a pure function of
 * (seed, index, time) — so 10,000 executions over two virtual hours cost no memory beyond
 * one cursor each, and the sweep and the push path read exactly the same history.
 *
 * Event ids of execution i (one state visit = Entered, Scheduled, Started … Succeeded, Exited):
 *
 *   1 ExecutionStarted                                   at start
 *   2 TaskStateEntered(S1)  3 TaskScheduled  4 TaskStarted      transition 1, at start
 *   then transition k ≥ 2, at start + gap₁ + … + gapₖ₋₁:
 *   TaskSucceeded(Sₖ₋₁)  TaskStateExited(Sₖ₋₁)  TaskStateEntered(Sₖ)  TaskScheduled  TaskStarted
 */
import { seededRandom } from '../../src/local/seeded-random.js';
import type { ExecutionDescription, HistoryEvent } from '../../src/model/execution.js';

export const ACCOUNT = '482913557106';
export const REGION = 'eu-west-1';
export const STATE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:fleet-pipeline`;

export interface FleetOptions {
  readonly executions: number;
  readonly seed: number;
  /** Virtual epoch ms the measurement starts at; executions start within `startSpreadMs` before it. */
  readonly origin: number;
  readonly startSpreadMs: number;
  readonly minGapMs: number;
  readonly maxGapMs: number;
}

/** Transition k of execution i happens at `at`; it enters state S<k>. */
export interface Transition {
  readonly execution: number;
  readonly k: number;
  readonly at: number;
}

/** stateName is the name of the k-th state (its step's description carries it). */
export const stateName = (k: number): string => `Stage-${String(k).padStart(4, '0')}`;
/** stateIndexIn reads k back from a step description that holds stateName(k). */
export function stateIndexIn(description: string): number | undefined {
  const match = /Stage-(\d{4})/.exec(description);
  return match === null ? undefined : Number(match[1]);
}

export class Fleet {
  readonly arns: readonly string[];
  readonly #starts: number[];
  /** Transition times per execution, extended lazily as time goes on. */
  readonly #times: number[][];
  readonly #random: (() => number)[];

  constructor(readonly options: FleetOptions) {
    const { executions, seed, origin, startSpreadMs } = options;
    this.arns = Array.from({ length: executions }, (_, i) => `arn:aws:states:${REGION}:${ACCOUNT}:execution:fleet-pipeline:run-${String(i).padStart(5, '0')}`);
    this.#random = Array.from({ length: executions }, (_, i) => seededRandom((seed * 100_003 + i) >>> 0));
    this.#starts = this.#random.map((random) => origin - Math.floor(random() * startSpreadMs));
    this.#times = this.#starts.map((start) => [start]);
  }

  indexOf(arn: string): number {
    const index = Number(arn.slice(arn.lastIndexOf('-') + 1));
    if (!Number.isInteger(index) || this.arns[index] !== arn) throw new Error(`Not a fleet execution: ${arn}`);
    return index;
  }

  startOf(i: number): number {
    return this.#starts[i] as number;
  }

  /** timesUpTo returns the transition times of execution i up to `now` (transition k at index k-1). */
  timesUpTo(i: number, now: number): readonly number[] {
    const times = this.#times[i] as number[];
    const random = this.#random[i] as () => number;
    const { minGapMs, maxGapMs } = this.options;
    while ((times.at(-1) as number) <= now) times.push((times.at(-1) as number) + minGapMs + Math.floor(random() * (maxGapMs - minGapMs)));
    return times.filter((t) => t <= now);
  }

  /** transitionsBetween lists every transition with from < at ≤ to, in time order. */
  transitionsBetween(from: number, to: number): Transition[] {
    const found: Transition[] = [];
    for (let i = 0; i < this.arns.length; i += 1) {
      const times = this.timesUpTo(i, to);
      for (let k = times.length; k >= 1 && (times[k - 1] as number) > from; k -= 1) found.push({ execution: i, k, at: times[k - 1] as number });
    }
    return found.sort((a, b) => a.at - b.at);
  }

  /** eventsOf returns execution i's events of transitions up to `now`, ascending. */
  eventsOf(i: number, now: number): HistoryEvent[] {
    const times = this.timesUpTo(i, now);
    const events: HistoryEvent[] = [];
    const push = (type: string, at: number, name?: string): void => {
      const id = events.length + 1;
      events.push({ id, previousEventId: id - 1, timestamp: at, type, details: name === undefined ? undefined : { name, resourceType: 'lambda', resource: 'invoke' } });
    };
    times.forEach((at, index) => {
      const k = index + 1;
      if (k === 1) push('ExecutionStarted', at);
      else {
        push('TaskSucceeded', at, undefined);
        push('TaskStateExited', at, stateName(k - 1));
      }
      push('TaskStateEntered', at, stateName(k));
      push('TaskScheduled', at);
      push('TaskStarted', at);
    });
    return events;
  }

  /** eventsOfTransition returns the events transition k of execution i adds (what its log records carry). */
  eventsOfTransition(i: number, k: number): HistoryEvent[] {
    const at = this.#times[i]?.[k - 1];
    if (at === undefined) throw new Error(`Transition ${k} of execution ${i} has not happened yet`);
    const all = this.eventsOf(i, at);
    const firstId = k === 1 ? 1 : 4 + (k - 2) * 5 + 1;
    return all.filter((event) => event.id >= firstId);
  }

  describe(i: number): ExecutionDescription {
    const arn = this.arns[i] as string;
    return { executionArn: arn, stateMachineArn: STATE_MACHINE_ARN, name: arn.slice(arn.lastIndexOf(':') + 1), status: 'RUNNING', startDate: this.startOf(i), redriveCount: 0 };
  }
}
