/**
 * Attempts and failures of a visit (docs/step-functions-signals.md#retries-and-failures): a Task attempt starts with `*Scheduled`,
 * a Map/Parallel attempt with `*StateStarted`; a failure ends the attempt, and a later attempt
 * in the same run means the failure was retried.
 * @internal
 */
import type { HistoryEvent } from '../model/execution.js';
import type { Failure, StateVisit } from '../model/tree.js';
import type { BuildContext } from './build-context.js';
import { currentRun } from './build-context.js';

/** failureOf reads error and cause from an event ('' when absent). @internal */
export function failureOf(event: HistoryEvent): Failure {
  return { error: event.details?.error ?? '', cause: event.details?.cause ?? '' };
}

/** hasText tells whether a failure carries an error or a cause. @internal */
export const hasText = (failure: Failure): boolean => failure.error !== '' || failure.cause !== '';

/** beginAttempt starts a new attempt; earlier failures of the same run count as retried. @internal */
export function beginAttempt(ctx: BuildContext, visit: StateVisit): void {
  const run = currentRun(ctx.tree);
  for (const failure of visit.failures) if (failure.run === run) failure.retried = true;
  visit.attempts += 1;
  visit.lastInnerFailed = false;
}

/**
 * recordFailure records the failure of the visit's current attempt. A second failure event
 * for the same attempt (MapRunFailed then MapStateFailed) only fills in what was missing.
 * @internal
 */
export function recordFailure(ctx: BuildContext, visit: StateVisit, failure: Failure, source: string | null): void {
  const run = currentRun(ctx.tree);
  const attempt = Math.max(visit.attempts, 1);
  visit.attempts = attempt;
  visit.lastInnerFailed = true;
  const existing = visit.failures.find((f) => f.attempt === attempt && f.run === run);
  if (existing === undefined) {
    visit.failures.push({ attempt, run, retried: false, source, error: failure.error, cause: failure.cause });
    return;
  }
  if (hasText(failure)) Object.assign(existing, { error: failure.error, cause: failure.cause });
  existing.source ??= source;
}

/** isFailing tells whether a visit's failure can have ended its thread (uncaught failure or Fail state). @internal */
export function isFailing(visit: StateVisit): boolean {
  return (visit.status === 'RUNNING' || visit.status === 'FAILED') && (visit.lastInnerFailed || visit.stateType === 'Fail');
}

/** lastFailureOf is the visit's latest failure as plain text fields, '' when none. @internal */
export function lastFailureOf(visit: StateVisit): Failure {
  const last = visit.failures.at(-1);
  return { error: last?.error ?? '', cause: last?.cause ?? '' };
}
