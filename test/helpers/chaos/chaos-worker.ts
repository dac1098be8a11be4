/**
 * runChaosWorker runs one worker's share of a chaos run: fast-check generates schedules from
 * a seed, each is played against one reused ChaosEnvironment (recycled every
 * RECYCLE_EVERY schedules to bound memory), and the first schedule that breaks an invariant
 * stops the worker with its seed and path, so `--seed S --path P` replays exactly it.
 * Known-failing schedules (a seed, a path and the dimensions of each) can be replayed first on
 * the same environment. Everything the product logs meanwhile is captured (and searched for
 * the oVirt password).
 */
import fc from 'fast-check';
import { SIM_USER } from '../local-parts.js';
import { scheduleArb } from './arbitraries.js';
import type { FaultDimension } from './dimensions.js';
import type { ChaosEnvironment } from './environment.js';
import { startChaosEnvironment } from './environment.js';
import type { ChaosFigures, Violation } from './figures.js';
import { emptyFigures, mergeFigures } from './figures.js';
import { runCrashPoints } from './crash-points.js';
import { captureOutput } from './log-capture.js';
import { chaosStateMachines, FIXTURE_NAMES } from './recordings.js';
import { runSchedule } from './run-schedule.js';
import { traced } from './trace.js';
import type { Schedule } from './schedule.js';

const RECYCLE_EVERY = 250;

/** Replay is one known schedule to run again: its seed, path and dimensions. */
export interface Replay {
  readonly seed: number;
  readonly path: string;
  readonly kinds: readonly FaultDimension[];
}

/** WorkerOptions: fast-check's seed and run count, an optional replay path, and progress reporting. */
export interface WorkerOptions {
  readonly seed: number;
  readonly schedules: number;
  readonly path?: string | undefined;
  readonly shrink?: boolean | undefined;
  readonly maxSteps?: number | undefined;
  /** The fault dimensions drawn per schedule (see dimensions.ts); none when absent. */
  readonly kinds?: readonly FaultDimension[] | undefined;
  /** Known-failing schedules replayed before the seed's own (one schedule each). */
  readonly replays?: readonly Replay[] | undefined;
  readonly label?: string | undefined;
  readonly onProgress?: ((done: number, figures: ChaosFigures) => void) | undefined;
  /** Also run the exhaustive crash-point sweep over every fixture first (one worker does it). */
  readonly crashPoints?: boolean | undefined;
  /** Print every invocation and the product's log lines instead of capturing them (for replays). */
  readonly trace?: boolean | undefined;
}

/** WorkerFailure is the schedule that broke an invariant, ready to replay. */
export interface WorkerFailure {
  readonly seed: number;
  readonly path: string;
  readonly kinds: readonly FaultDimension[];
  readonly schedule: Schedule;
  readonly violations: readonly Violation[];
  readonly error: string;
}

/** WorkerReport is what a worker hands back. */
export interface WorkerReport {
  readonly seed: number;
  readonly figures: ChaosFigures;
  readonly failure?: WorkerFailure | undefined;
  /** Known-failing schedules replayed, and the ones that failed again. */
  readonly replays?: { readonly run: number; readonly failures: readonly WorkerFailure[] } | undefined;
  /** Crash points tried by the exhaustive sweep, and the ones that broke an invariant. */
  readonly crashPoints?: { readonly points: number; readonly violations: readonly string[] } | undefined;
}

/** runChaosWorker runs the replays, then `options.schedules` schedules (or replays `options.path`). */
export async function runChaosWorker(options: WorkerOptions): Promise<WorkerReport> {
  const figures = emptyFigures();
  let leakedSecret = false;
  const capture = options.trace === true ? undefined : captureOutput({ onText: (text) => void (leakedSecret ||= text.includes(SIM_USER.password)) });
  const start = performance.now();
  let env: ChaosEnvironment | undefined;
  let done = 0;
  let lastViolations: readonly Violation[] = [];

  /** check runs fast-check over schedules of `kinds` and returns the failing one, if any. */
  const check = async (seed: number, numRuns: number, path: string | undefined, kinds: readonly FaultDimension[]): Promise<WorkerFailure | undefined> => {
    const property = fc.asyncProperty(scheduleArb(options.maxSteps, kinds), async (schedule) => {
      if (env === undefined || (done > 0 && done % RECYCLE_EVERY === 0)) {
        await env?.stop();
        env = await startChaosEnvironment({ stateMachineArns: chaosStateMachines(), seed: options.seed });
      }
      done += 1;
      const played = options.trace === true ? traced(env, (line) => console.log(line)) : env;
      const outcome = await runSchedule(played, schedule, `${options.label ?? 'w'}${options.seed.toString(36)}-${done.toString(36)}`);
      mergeFigures(figures, outcome.figures);
      if (leakedSecret) outcome.violations.push({ kind: 'unexpectedErrors', executionArn: '*', detail: 'the oVirt password appeared in log output' });
      options.onProgress?.(done, figures);
      lastViolations = outcome.violations;
      if (outcome.violations.length > 0) throw new Error(outcome.violations.map((v) => `${v.kind} ${v.executionArn}: ${v.detail}`).join('\n'));
    });
    lastViolations = [];
    const details = await fc.check(property, { seed, numRuns, path, endOnFailure: options.shrink !== true });
    if (!details.failed || details.counterexample === null) return undefined;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return { seed: details.seed, path: details.counterexamplePath ?? '', kinds, schedule: details.counterexample[0], violations: lastViolations, error };
  };

  try {
    let crashPoints: WorkerReport['crashPoints'];
    if (options.crashPoints === true) {
      env = await startChaosEnvironment({ stateMachineArns: chaosStateMachines(), seed: options.seed });
      // Reported on their own line, not mixed into the random schedules' figures.
      const swept = [await runCrashPoints(env, FIXTURE_NAMES)];
      // With log-batches, every fixture's whole log pushed to onExecutionLogs too.
      if (options.kinds?.includes('log-batches') === true) swept.push(await runCrashPoints(env, FIXTURE_NAMES, ['before', 'after'], 'cpl', 'logs'));
      crashPoints = {
        points: swept.reduce((sum, report) => sum + report.points, 0),
        violations: swept.flatMap((report) => report.violations.map((v) => `${v.point}: ${v.kind} ${v.detail}`)),
      };
      await env.stop();
      env = undefined;
    }
    const replayFailures: WorkerFailure[] = [];
    for (const replay of options.replays ?? []) {
      const failed = await check(replay.seed, 1, replay.path, replay.kinds);
      if (failed !== undefined) replayFailures.push(failed);
    }
    const replays = options.replays === undefined ? undefined : { run: options.replays.length, failures: replayFailures };
    const failure = options.schedules > 0 ? await check(options.seed, options.schedules, options.path, options.kinds ?? []) : undefined;
    figures.durationMs = performance.now() - start;
    return { seed: options.seed, figures, crashPoints, replays, failure };
  } finally {
    await env?.stop();
    capture?.restore();
  }
}
