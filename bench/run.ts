/**
 * `npm run bench` / `npm run bench:smoke`: runs the benchmark, prints the table with one
 * PASS/FAIL line per goal and writes the results as JSON under bench/results/.
 *
 *   tsx bench/run.ts [--smoke] [--only id,id] [--latency ms] [--source] [--no-cold-start] [--profile dir]
 *
 * Exits 1 when a call-count goal fails or a scenario did not end converged in oVirt; timing
 * goals and failed invocations (e.g. a sync outliving the function's timeout, caught up by the
 * sweep) are reported but do not change the exit code (wall-clock figures here are noisy).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBenchmark } from './run-benchmark.js';
import { renderReport } from './report/table.js';

const RESULTS_DIR = fileURLToPath(new URL('./results', import.meta.url));

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    latency: { type: 'string', default: '5' },
    source: { type: 'boolean', default: false },
    'no-cold-start': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});

const latencyMs = Number(values.latency);
if (!Number.isFinite(latencyMs) || latencyMs < 0) {
  throw new Error(`--latency must be a number of milliseconds (0 or more), not "${values.latency}".`);
}

const run = await runBenchmark({
  sizes: values.smoke ? 'smoke' : 'full',
  latencyMs,
  coldStart: !values.smoke && !values['no-cold-start'],
  sourceHandlers: values.source,
  only: values.only?.split(',').map((id) => id.trim()).filter((id) => id !== ''),
  functionNodeOptions: values.profile === undefined ? undefined : `--cpu-prof --cpu-prof-dir=${values.profile}`,
  progress: (line) => process.stderr.write(`bench: ${line}\n`),
});

console.log(renderReport(run));
mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = new Date().toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
const json = JSON.stringify({ generatedAt: new Date().toISOString(), ...run }, null, 2);
for (const file of [`bench-${stamp}.json`, 'latest.json']) writeFileSync(join(RESULTS_DIR, file), json);
console.log(`\nResults: bench/results/bench-${stamp}.json (and latest.json)`);

const broken = run.goals.some((g) => g.countGoal && g.measured && !g.pass) || run.results.some((r) => r.convergenceIssues.length > 0);
process.exitCode = broken ? 1 : 0;
