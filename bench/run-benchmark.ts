/**
 * runBenchmark is the whole benchmark as a function (the CLI in run.ts and the CI smoke test
 * call it): start the stand-ins, optionally package the functions and measure their cold
 * start, run the scenarios against the bundled (or source) handlers, judge the goals.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { FunctionColdStart } from './coldstart/cold-start.js';
import { measureColdStart } from './coldstart/cold-start.js';
import type { Packaged } from './coldstart/package-functions.js';
import { packageFunctions } from './coldstart/package-functions.js';
import { lambdaEnvironment, startBenchParts } from './parts/bench-parts.js';
import type { GoalVerdict } from './report/goals.js';
import { evaluateGoals } from './report/goals.js';
import type { ScenarioSizes } from './scenarios/catalog.js';
import { scenarios } from './scenarios/catalog.js';
import type { HandlerModules } from './scenarios/execute-scenario.js';
import { executeScenario } from './scenarios/execute-scenario.js';
import type { ScenarioResult } from './scenarios/scenario-result.js';
import { livenessGoals } from './liveness/report.js';
import { runLiveness } from './liveness/run-liveness.js';
import type { LivenessResult } from './liveness/simulate.js';

/** BenchmarkOptions select what runs. */
export interface BenchmarkOptions {
  readonly sizes: ScenarioSizes;
  /** Simulated oVirt latency per request. @default 5 */
  readonly latencyMs?: number | undefined;
  /** Package the functions, weigh them, time their import, and run the scenarios on the bundles. */
  readonly coldStart: boolean;
  /** Run the scenarios on the TypeScript sources even when bundles exist. */
  readonly sourceHandlers?: boolean | undefined;
  /** Run only scenarios whose id starts with one of these. */
  readonly only?: readonly string[] | undefined;
  /** Extra Node options for the function processes (e.g. CPU profiling). */
  readonly functionNodeOptions?: string | undefined;
  /** Progress lines (to stderr in the CLI). */
  readonly progress?: ((line: string) => void) | undefined;
}

/** BenchmarkRun is everything one run produced. */
export interface BenchmarkRun {
  readonly latencyMs: number;
  readonly handlers: 'bundled' | 'source';
  readonly results: ScenarioResult[];
  readonly coldStart?: FunctionColdStart[] | undefined;
  readonly goals: GoalVerdict[];
  /** The liveness runs (sweep alone vs push path per fleet size); empty when not selected. */
  readonly liveness: LivenessResult[];
  readonly totalSeconds: number;
  /** The machine: cores, and its 1-minute load average when the run started and ended. */
  readonly machine: { readonly cores: number; readonly loadAtStart: number; readonly loadAtEnd: number };
}

const SOURCE_MODULES: HandlerModules = {
  onEvent: fileURLToPath(new URL('../handlers/on-execution-event.ts', import.meta.url)),
  sweep: fileURLToPath(new URL('../handlers/sweep.ts', import.meta.url)),
};

/** runBenchmark runs the benchmark described by `options`. */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkRun> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const latencyMs = options.latencyMs ?? 5;
  const say = options.progress ?? (() => undefined);
  const parts = await startBenchParts(latencyMs);
  let packaged: Packaged | undefined;
  try {
    let coldStart: FunctionColdStart[] | undefined;
    if (options.coldStart) {
      say('packaging the functions (serverless package) …');
      packaged = await packageFunctions();
      say('timing handler imports …');
      coldStart = await measureColdStart(packaged, lambdaEnvironment(parts, 'bench-cold-start'));
    }
    const bundled = packaged !== undefined && options.sourceHandlers !== true ? packaged : undefined;
    const modules = bundled === undefined ? SOURCE_MODULES : bundledModules(bundled);
    const selected = scenarios(options.sizes).filter((s) => options.only === undefined || options.only.some((p) => s.id.startsWith(p)));
    const results: ScenarioResult[] = [];
    for (const scenario of selected) {
      say(`scenario ${scenario.id} …`);
      const t = performance.now();
      results.push(await executeScenario(parts, scenario, { ...modules, nodeOptions: options.functionNodeOptions }));
      say(`scenario ${scenario.id} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const liveness = selectedLiveness(options) ? await runLiveness(options.sizes, say) : [];
    const goals = [...evaluateGoals(results, coldStart), ...(liveness.length > 0 ? livenessGoals(liveness) : [])];
    const machine = { cores: availableParallelism(), loadAtStart, loadAtEnd: loadavg()[0] ?? 0 };
    const totalSeconds = (performance.now() - started) / 1000;
    return { latencyMs, handlers: bundled === undefined ? 'source' : 'bundled', results, coldStart, goals, liveness, totalSeconds, machine };
  } finally {
    packaged?.dispose();
    await parts.stop();
  }
}

/** selectedLiveness: the liveness runs go with every run, or with `--only liveness`. */
function selectedLiveness(options: BenchmarkOptions): boolean {
  return options.only === undefined || options.only.some((prefix) => 'liveness'.startsWith(prefix));
}

function bundledModules(packaged: Packaged): HandlerModules {
  const path = (name: string): string => {
    const fn = packaged.functions.find((f) => f.name === name);
    if (fn === undefined) throw new Error(`The package has no function ${name}; check serverless.yml.`);
    return fn.modulePath;
  };
  return { onEvent: path('onExecutionEvent'), sweep: path('sweep') };
}
