/**
 * The exhaustive half of "crash at every await point": for a fixture, the one invocation that
 * syncs the whole finished execution is killed at port call k, for k = 1, 2, … until k is past
 * its last call, once before the call leaves and once after it took effect (e.g. after the oVirt
 * add succeeded, before the table recorded it). Each time the lease is left to lapse and a
 * fresh invocation (Lambda's retry) must converge to exactly the expected tree.
 *
 * Two ways in: the last status change event (onExecutionEvent, which reads the history), or
 * (`via: 'logs'`) the execution's whole log, one delivery of one stream to onExecutionLogs with
 * every status event lost, so the pushed records are all there is until the retry.
 */
import type { ChaosEnvironment } from './environment.js';
import type { ChaosFigures, Violation } from './figures.js';
import { emptyFigures, mergeFigures } from './figures.js';
import { fixtureRecordings, statusCuts } from './recordings.js';
import type { FixtureName } from './recordings.js';
import { runSchedule } from './run-schedule.js';
import type { Schedule } from './schedule.js';

/** A bound on k, far past the calls of any fixture's full sync. */
const MAX_CALLS = 400;

/** CrashPointEntry: the invocation that dies is the last status event's, or the log delivery's. */
export type CrashPointEntry = 'status' | 'logs';

/** crashPointSchedule: only the last status event (or the one log delivery) is delivered, once, and that invocation dies at call k. */
export function crashPointSchedule(fixture: FixtureName, atCall: number, mode: 'before' | 'after', via: CrashPointEntry = 'status'): Schedule {
  const recording = fixtureRecordings().get(fixture);
  const events = recording === undefined ? 1 : statusCuts(recording).length;
  const copies = via === 'logs' ? Array<number>(events).fill(0) : [...Array<number>(events - 1).fill(0), 1];
  return {
    executions: [{ fixture, pauses: [], copies }],
    steps: [
      { kind: 'reveal', execution: 0 },
      { kind: 'deliver', picks: [0], concurrency: 1, crashes: [{ atCall, mode }] },
      { kind: 'advance', ms: 121_000 },
    ],
    finale: { concurrency: 1, crashes: [null] },
    ...(via === 'logs' ? { dimensions: { logBatches: { streams: [0], copies: [1], revealsPerBatch: 1 } } } : {}),
  };
}

/** CrashPointReport: figures, violations with the (fixture, k, mode) that broke them, and how many points were tried. */
export interface CrashPointReport {
  readonly figures: ChaosFigures;
  readonly violations: Array<Violation & { readonly point: string }>;
  readonly points: number;
}

/** runCrashPoints tries every crash point of each fixture in `fixtures`, in both modes. */
export async function runCrashPoints(
  env: ChaosEnvironment,
  fixtures: readonly FixtureName[],
  modes: ReadonlyArray<'before' | 'after'> = ['before', 'after'],
  label = 'cp',
  via: CrashPointEntry = 'status',
): Promise<CrashPointReport> {
  const figures = emptyFigures();
  const violations: Array<Violation & { point: string }> = [];
  let points = 0;
  for (const fixture of fixtures) {
    for (const mode of modes) {
      for (let atCall = 1; atCall <= MAX_CALLS; atCall += 1) {
        const outcome = await runSchedule(env, crashPointSchedule(fixture, atCall, mode, via), `${label}${fixture}${mode[0] ?? ''}${atCall}`);
        mergeFigures(figures, outcome.figures);
        const point = `fixture ${fixture}${via === 'logs' ? ' via its log' : ''}, crash ${mode} call ${atCall}`;
        violations.push(...outcome.violations.map((violation) => ({ ...violation, point })));
        if (outcome.figures.crashes === 0) break; // k is past the last call: every point was tried
        points += 1;
      }
    }
  }
  return { figures, violations, points };
}
