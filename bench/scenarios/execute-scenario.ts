/**
 * executeScenario runs one scenario end to end: a fresh tracking table, the two functions in
 * their own processes, the scenario's deliveries and sweeps (counted), then the checks and the
 * ovirt_job baseline over the same executions and sync points.
 */
import { performance } from 'node:perf_hooks';
import { readMappingSettings } from '../../src/config/mapping-settings.js';
import type { MappingConfig } from '../../src/model/mapping.js';
import { BaselineApi } from '../baseline/baseline-api.js';
import { baselineVariants } from '../baseline/baseline-variants.js';
import type { BaselineExecution } from '../baseline/drive-baseline.js';
import { baselineCallCount, driveBaseline } from '../baseline/drive-baseline.js';
import type { Container } from '../lambda/container.js';
import { startContainer } from '../lambda/container.js';
import { dynamoCalls, ovirtCalls, sfnCalls } from '../measure/call-counts.js';
import { convergenceIssues } from '../measure/convergence.js';
import { largestItem } from '../measure/item-size.js';
import { emptyWrites, engineMinimum } from '../measure/minimum.js';
import { percentile } from '../measure/percentile.js';
import type { SfnRecording } from '../../src/local/sfn-stub/index.js';
import type { BenchParts, CallCounts } from '../parts/bench-parts.js';
import { BENCH_USER, lambdaEnvironment } from '../parts/bench-parts.js';
import type { Scenario } from './catalog.js';
import type { BaselineResult, ScenarioResult } from './scenario-result.js';
import { ScenarioRun } from './scenario-run.js';

/** HandlerModules: the handler module of each function (TypeScript source or bundled .mjs). */
export interface HandlerModules {
  readonly onEvent: string;
  readonly sweep: string;
  /** Extra Node options for both functions' processes (profiling). */
  readonly nodeOptions?: string | undefined;
}

/** Function timeouts as serverless.yml sets them: the deadline the handlers see. */
const TIMEOUTS_MS = { onEvent: 60_000, sweep: 300_000 };

/** Played is what driving a scenario left behind: the run's records, its time, the counts and memory. */
interface Played {
  readonly run: ScenarioRun;
  readonly wallMs: number;
  readonly counts: CallCounts;
  readonly peakRssKb: number;
}

/** executeScenario runs `scenario` against `parts` with `modules` and returns its measurements. */
export async function executeScenario(parts: BenchParts, scenario: Scenario, modules: HandlerModules): Promise<ScenarioResult> {
  const recordings = scenario.build();
  const tableName = await parts.newTable();
  const env = lambdaEnvironment(parts, tableName, { ...scenario.env });
  const mapping = readMappingSettings(env);
  const { run, wallMs, counts, peakRssKb } = await play(parts, scenario, recordings, tableName, env, modules);
  const executions: BaselineExecution[] = recordings.map((recording) => ({
    recording,
    syncPoints: run.syncPoints.get(recording.description.executionArn) ?? [],
  }));
  const events = sum(recordings.map((r) => r.events.length));
  const largest = await largestItem(parts.dynamo, tableName);
  return {
    id: scenario.id,
    title: scenario.title,
    sync: scenario.sync,
    role: scenario.role,
    executions: recordings.length,
    events,
    ovirt: ovirtCalls(counts),
    minimum: minimumOf(executions, mapping),
    sfn: sfnCalls(counts),
    pageBound: sum(recordings.map((r) => Math.ceil(r.events.length / 1000))) + sum(run.triggers.values()),
    dynamo: dynamoCalls(counts),
    wallMs,
    transitionsPerSecond: events / (wallMs / 1000),
    latencyMs: spread(run.latencies),
    soloLatencyMs: run.soloLatencies,
    durationMs: spread(run.durations),
    peakRssMb: peakRssKb / 1024,
    maxItemBytes: Math.max(largest.bytes, run.maxMetaBytes),
    invocations: run.invocations,
    convergenceIssues: convergenceIssues(parts.engine, recordings, mapping),
    baseline: await baseline(parts, scenario, executions, mapping),
  };
}

/** play starts both functions, drives the scenario with counters reset, and stops the functions. */
async function play(
  parts: BenchParts,
  scenario: Scenario,
  recordings: readonly SfnRecording[],
  tableName: string,
  env: Record<string, string>,
  modules: HandlerModules,
): Promise<Played> {
  const [onEvent, sweep] = await startFunctions(env, modules);
  const leaseMs = Number(env.LEASE_SECONDS ?? '120') * 1000;
  const run = new ScenarioRun(parts, { onEvent, sweep }, tableName, recordings.length <= 5, leaseMs);
  try {
    parts.resetCounts();
    const started = performance.now();
    await scenario.drive(run, recordings);
    const wallMs = performance.now() - started;
    const counts = parts.counts();
    return { run, wallMs, counts, peakRssKb: Math.max(await onEvent.peakRssKb(), await sweep.peakRssKb()) };
  } finally {
    run.close();
    await Promise.all([onEvent.stop(), sweep.stop()]);
  }
}

/** startFunctions starts both functions; when one cannot start, the other is stopped again. */
async function startFunctions(env: Record<string, string>, modules: HandlerModules): Promise<[Container, Container]> {
  const start = (modulePath: string, timeoutMs: number) => startContainer({ modulePath, timeoutMs, env, nodeOptions: modules.nodeOptions });
  const [onEvent, sweep] = await Promise.allSettled([start(modules.onEvent, TIMEOUTS_MS.onEvent), start(modules.sweep, TIMEOUTS_MS.sweep)]);
  if (onEvent.status === 'fulfilled' && sweep.status === 'fulfilled') return [onEvent.value, sweep.value];
  for (const r of [onEvent, sweep]) if (r.status === 'fulfilled') await r.value.stop();
  const failure = onEvent.status === 'rejected' ? onEvent : sweep;
  throw failure.status === 'rejected' && failure.reason instanceof Error ? failure.reason : new Error('A function could not start.');
}

const spread = (samples: readonly number[]) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length });

const sum = (values: Iterable<number>): number => [...values].reduce((total, n) => total + n, 0);

function minimumOf(executions: readonly BaselineExecution[], mapping: MappingConfig) {
  const total = emptyWrites();
  for (const { recording, syncPoints } of executions) {
    const one = engineMinimum(recording, syncPoints, mapping);
    total.jobCreates += one.jobCreates;
    total.stepCreates += one.stepCreates;
    total.stepEnds += one.stepEnds;
    total.jobEnds += one.jobEnds;
  }
  return total;
}

async function baseline(
  parts: BenchParts,
  scenario: Scenario,
  executions: readonly BaselineExecution[],
  mapping: MappingConfig,
): Promise<BaselineResult> {
  const expected = baselineCallCount(executions, mapping);
  const variants = baselineVariants(executions, mapping);
  if (!scenario.driveBaseline) return { calls: expected, driven: false, ...variants };
  const api = new BaselineApi(parts.engine.url, BENCH_USER, parts.engine.caPem);
  parts.resetCounts();
  const started = performance.now();
  try {
    await driveBaseline(api, executions, mapping);
  } finally {
    await api.close();
  }
  const wallMs = performance.now() - started;
  const calls = parts.counts().ovirt.total;
  if (calls !== expected) throw new Error(`The baseline made ${calls} calls where its model says ${expected}; fix bench/baseline.`);
  return { calls, driven: true, wallMs, ...variants };
}
