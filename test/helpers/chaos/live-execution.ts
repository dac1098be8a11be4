/**
 * LiveExecution is the schedule's bookkeeping for one execution it plays: how far its history
 * is revealed, which status events it emitted, and whether the reconciler could have noticed
 * the latest run at all. That last point separates a bug from a documented limit:
 *
 * ```text
 * run starts (ExecutionStarted / ExecutionRedriven revealed) ── observed := false
 *   any invocation delivered for this execution  ─┐
 *   a sweep while Step Functions says RUNNING     ─┴─► observed := true
 * ```
 *
 * A log delivery (`log-batches`) counts only when it holds records of the latest run: the push
 * path applies what it is given without asking Step Functions, so records of an earlier run
 * tell it nothing of a redrive.
 *
 * A run that finished while every one of its status events was lost and no sweep ran
 * (production sweeps every minute, so: a run shorter than a minute) cannot be discovered by
 * design; such executions are counted as "unobservable" instead of being checked.
 */
import type { SfnRecording, SfnStatusChangeEvent } from '../../../src/local/sfn-stub/index.js';
import type { ExecutionPlan } from './schedule.js';
import { statusCuts } from './recordings.js';

const RUN_START = /^Execution(Started|Redriven)$/;

/** LiveExecution tracks one execution of a running schedule. */
export class LiveExecution {
  readonly arn: string;
  revealed = 0;
  emitted = 0;
  observed = false;
  lastEvent: SfnStatusChangeEvent | undefined;
  /** Correlation ids of this execution's jobs that an injected cleanup deleted. */
  readonly cleanedJobs = new Set<string>();
  /** Ids of jobs and steps that were `started` when an engine restart was injected. */
  readonly startedAtRestart = new Set<string>();
  readonly #cuts: readonly number[];

  constructor(
    readonly plan: ExecutionPlan,
    readonly recording: SfnRecording,
  ) {
    this.arn = recording.description.executionArn;
    this.#cuts = statusCuts(recording);
  }

  get total(): number {
    return this.recording.events.length;
  }

  /** nextTarget is the event count the next reveal goes to (the next pause, else the end). */
  nextTarget(): number {
    return this.plan.pauses.find((pause) => pause > this.revealed) ?? this.total;
  }

  /** eventIdAt is the id of the `count`-th event. */
  eventIdAt(count: number): number {
    return this.recording.events[count - 1]?.id ?? count;
  }

  /** copiesOfNext returns how many copies the next emitted status event gets, and counts it. */
  copiesOfNext(): number {
    const copies = this.plan.copies[this.emitted % Math.max(1, this.plan.copies.length)] ?? 1;
    this.emitted += 1;
    return copies;
  }

  /** moveTo records a reveal up to `count`; a new run starting resets `observed`. */
  moveTo(count: number): void {
    const before = this.#runStart(this.revealed);
    this.revealed = count;
    if (this.#runStart(count) !== before) this.observed = false;
  }

  /** isRunning tells whether Step Functions currently reports the execution RUNNING. */
  isRunning(): boolean {
    const last = [...this.#cuts].reverse().find((cut) => cut <= this.revealed);
    return last !== undefined && RUN_START.test(this.recording.events[last - 1]?.type ?? '');
  }

  /** currentRun is the redrive count of the latest revealed run (0 before any ExecutionRedriven). */
  currentRun(): number {
    return this.recording.events.slice(0, this.revealed).filter((event) => event.type === 'ExecutionRedriven').length;
  }

  #runStart(count: number): number {
    return [...this.#cuts].reverse().find((cut) => cut <= count && RUN_START.test(this.recording.events[cut - 1]?.type ?? '')) ?? 0;
  }
}
