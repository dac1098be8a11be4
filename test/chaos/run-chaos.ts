/**
 * `npm run test:chaos -- [--schedules N] [--seed S] [--workers W] [--path P] [--shrink] [--trace] [--max-steps K] [--no-crash-points]`
 *
 * Runs N randomized fault schedules (default 10,000) over the real reconciler, split over W
 * forked workers (default 2), each with its own engine simulator, dynalite and Step Functions
 * stub. Worker w uses fast-check seed S + w; worker 0 first tries every crash point of every
 * fixture's full sync (see crash-points.ts) unless `--no-crash-points`. Prints the figures and exits 1 on any violation,
 * printing the failing schedule and the command that replays it (`--seed … --path … --workers 1`);
 * `--trace` then prints every invocation and the product's log lines. A replay repeats the same
 * steps, faults and crash points; the interleaving of concurrent invocations may differ.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { WorkerOptions, WorkerReport } from '../helpers/chaos/chaos-worker.js';
import { emptyFigures, formatFigures, mergeFigures, totalViolations } from '../helpers/chaos/figures.js';
import type { ChaosFigures } from '../helpers/chaos/figures.js';

const { values } = parseArgs({
  options: {
    schedules: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000_000) },
    workers: { type: 'string', default: '2' },
    path: { type: 'string' },
    shrink: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    'no-crash-points': { type: 'boolean', default: false },
    'max-steps': { type: 'string', default: '24' },
  },
});

const schedules = positive('schedules', values.schedules);
const seed = positive('seed', values.seed, 0);
const workers = values.path === undefined ? Math.min(positive('workers', values.workers), schedules) : 1;
const maxSteps = positive('max-steps', values['max-steps']);
const WORKER = fileURLToPath(new URL('./chaos-worker-process.ts', import.meta.url));

function positive(name: string, text: string, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be an integer ≥ ${min}, not "${text}".`);
    process.exit(2);
  }
  return value;
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
console.log(`Chaos: ${schedules} schedules, seed ${seed}, ${workers} worker(s)${values.path ? `, replaying path ${values.path}` : ''}`);
const shares = Array.from({ length: workers }, (_, w) => Math.floor(schedules / workers) + (w < schedules % workers ? 1 : 0));
const reports = await Promise.all(
  shares.map((share, w) =>
    runWorker({ seed: seed + w, schedules: share, path: values.path, shrink: values.shrink, trace: values.trace, maxSteps, label: `w${w}`, crashPoints: w === 0 && values.path === undefined && !values['no-crash-points'] }, (done) => {
      progress.set(w, done);
      const total = [...progress.values()].reduce((a, b) => a + b, 0);
      console.log(`  … ${total}/${schedules} schedules (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }),
  ),
);
const figures = emptyFigures();
for (const report of reports) mergeFigures(figures, report.figures);
figures.durationMs = performance.now() - started;
console.log(`\n${formatFigures(figures)}`);
const crashPoints = reports.flatMap((report) => (report.crashPoints ? [report.crashPoints] : []));
for (const swept of crashPoints) {
  console.log(`crash points:                  ${swept.points} tried (every port call of each fixture's full sync, before and after), ${swept.violations.length} broke an invariant`);
  for (const line of swept.violations) console.log(`  ${line}`);
}
const failures = reports.flatMap((report) => (report.failure ? [report.failure] : []));
for (const failure of failures) {
  console.log(`\nViolation in schedule seed=${failure.seed} path=${failure.path}:\n${failure.error}`);
  console.log(`Schedule: ${JSON.stringify(failure.schedule)}`);
  console.log(`Replay: npm run test:chaos -- --seed ${failure.seed} --path ${failure.path} --workers 1 --schedules 1`);
}
const crashPointViolations = crashPoints.reduce((sum, swept) => sum + swept.violations.length, 0);
process.exit(failures.length > 0 || crashPointViolations > 0 || totalViolations(figures) > 0 ? 1 : 0);
