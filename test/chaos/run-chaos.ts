/**
 * `npm run test:chaos -- [--schedules N] [--seed S] [--workers W] [--path P] [--kinds K] [--shrink] [--trace] [--max-steps M] [--no-crash-points] [--no-known]`
 *
 * Runs N randomized fault schedules (default 10,000) over the real reconciler, split over W
 * forked workers (default 2), each with its own engine simulator, dynalite and Step Functions
 * stub. The seed is fresh on every run (CHAOS_SEED or `--seed` pin it) and printed first.
 * Worker w uses fast-check seed S + w; worker 0 first tries every crash point of every
 * fixture's full sync (see crash-points.ts) unless `--no-crash-points`, and replays every
 * schedule of test/chaos/known-failing-seeds.ts unless `--no-known`. `--kinds` picks the fault
 * dimensions drawn per schedule (all by default, or CHAOS_KINDS; see dimensions.ts).
 * Prints the figures and a verdict; exits 1 when any invariant counter is non-zero, printing
 * the failing schedule and the command that replays it (`--seed … --path … --workers 1
 * --schedules 1 --kinds …`); `--trace` then prints every invocation and the product's log
 * lines. A replay repeats the same steps, faults and crash points; the interleaving of
 * concurrent invocations may differ.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { WorkerOptions, WorkerReport } from '../helpers/chaos/chaos-worker.js';
import { dimensionsArgument, parseDimensions } from '../helpers/chaos/dimensions.js';
import { DEFAULT_MAX_STEPS, failuresOf, formatFailure } from '../helpers/chaos/failure-report.js';
import { brokenCounters, emptyFigures, formatFigures, formatVerdict, mergeFigures } from '../helpers/chaos/figures.js';
import type { ChaosFigures } from '../helpers/chaos/figures.js';
import { KNOWN_FAILING_SCHEDULES } from './known-failing-seeds.js';

const { values } = parseArgs({
  options: {
    schedules: { type: 'string', default: '10000' },
    seed: { type: 'string', default: process.env.CHAOS_SEED ?? String(Date.now() % 1_000_000_000) },
    kinds: { type: 'string', default: process.env.CHAOS_KINDS ?? 'all' },
    'no-known': { type: 'boolean', default: false },
    workers: { type: 'string', default: '2' },
    path: { type: 'string' },
    shrink: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    'no-crash-points': { type: 'boolean', default: false },
    'max-steps': { type: 'string', default: String(DEFAULT_MAX_STEPS) },
  },
});

const schedules = positive('schedules', values.schedules);
// fast-check takes any 32-bit integer as a seed (a larger one wraps), and reports a worker's
// seed that way, so a replay may name a negative one.
const seed = integerSeed(values.seed);
const workers = values.path === undefined ? Math.min(positive('workers', values.workers), schedules) : 1;
const maxSteps = positive('max-steps', values['max-steps']);
const kinds = dimensionsOrExit(values.kinds);
const replays = values.path === undefined && !values['no-known'] ? KNOWN_FAILING_SCHEDULES : [];
const WORKER = fileURLToPath(new URL('./chaos-worker-process.ts', import.meta.url));

function positive(name: string, text: string, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be an integer ≥ ${min}, not "${text}".`);
    process.exit(2);
  }
  return value;
}

function integerSeed(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    console.error(`--seed must be an integer, not "${text}" (write a negative one as --seed=-123).`);
    process.exit(2);
  }
  return value;
}

function dimensionsOrExit(text: string): ReturnType<typeof parseDimensions> {
  try {
    return parseDimensions(text);
  } catch (error) {
    console.error(`--kinds: ${(error as Error).message}`);
    return process.exit(2);
  }
}

function runWorker(options: WorkerOptions, onProgress: (done: number, figures: ChaosFigures) => void): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // EMF metric lines are captured anyway; not rendering them saves time.
      env: { ...process.env, POWERTOOLS_METRICS_DISABLED: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    let report: WorkerReport | undefined;
    child.on('message', (message: { kind: string; done?: number; figures?: ChaosFigures; report?: WorkerReport }) => {
      if (message.kind === 'progress' && message.figures) onProgress(message.done ?? 0, message.figures);
      if (message.kind === 'report') report = message.report;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      report ? resolve(report) : reject(new Error(`Chaos worker with seed ${options.seed} exited with code ${code} before reporting.`)),
    );
  });
}

const started = performance.now();
const progress = new Map<number, number>();
console.log(
  `Chaos: ${schedules} schedules, seed ${seed}, fault kinds ${dimensionsArgument(kinds)}, ${workers} worker(s)` +
    `${values.path ? `, replaying path ${values.path}` : `, after ${replays.length} known-failing schedule(s)`}`,
);
const shares = Array.from({ length: workers }, (_, w) => Math.floor(schedules / workers) + (w < schedules % workers ? 1 : 0));
const reports = await Promise.all(
  shares.map((share, w) =>
    runWorker(
      {
        seed: seed + w,
        schedules: share,
        path: values.path,
        shrink: values.shrink,
        trace: values.trace,
        maxSteps,
        kinds,
        replays: w === 0 ? replays : undefined,
        label: `w${w}`,
        crashPoints: w === 0 && values.path === undefined && !values['no-crash-points'],
      },
      (done) => {
      progress.set(w, done);
      const total = [...progress.values()].reduce((a, b) => a + b, 0);
      console.log(`  … ${total}/${schedules} schedules (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      },
    ),
  ),
);
const figures = emptyFigures();
for (const report of reports) mergeFigures(figures, report.figures);
figures.durationMs = performance.now() - started;
console.log(`\n${formatFigures(figures)}`);
const crashPoints = reports.flatMap((report) => (report.crashPoints ? [report.crashPoints] : []));
for (const swept of crashPoints) {
  console.log(`crash points:                  ${swept.points} tried (every port call of each fixture's full sync, before and after; with log-batches also pushed as its log), ${swept.violations.length} broke an invariant`);
  for (const line of swept.violations) console.log(`  ${line}`);
}
const replayed = reports.flatMap((report) => (report.replays ? [report.replays] : []));
for (const known of replayed) console.log(`known-failing schedules:       ${known.run} replayed, ${known.failures.length} failed again`);
const failures = reports.flatMap(failuresOf);
const crashPointViolations = crashPoints.reduce((sum, swept) => sum + swept.violations.length, 0);
// Every counter of a broken invariant fails the run, whichever part of it found the break.
console.log(formatVerdict(figures, { crashPoints: crashPointViolations, failedSchedules: failures.length }));
console.log(`seed:                          ${seed} (kinds ${dimensionsArgument(kinds)})`);
for (const failure of failures) console.log(`\n${formatFailure(failure, maxSteps)}`);
process.exit(failures.length > 0 || crashPointViolations > 0 || brokenCounters(figures).length > 0 ? 1 : 0);
