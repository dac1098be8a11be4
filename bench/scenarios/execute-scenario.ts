/**
 * executeScenario runs one scenario end to end: a fresh tracking table, the two functions in
 * their own processes, the scenario's deliveries and sweeps (counted), then the checks and the
 * ovirt_job baseline over the same executions and sync points.
 */
import { performance } from 'node:perf_hooks';
import { readMappingSettings } from '../../src/config/mapping-settings.js';
import type { MappingConfig } from '../../src/model/mapping.js';
import { BaselineApi } from '../baseline/baseline-api.js';
import type { BaselineExecution } from '../baseline/drive-baseline.js';
import { baselineCallCount, driveBaseline } from '../baseline/drive-baseline.js';
import { startContainer } from '../lambda/container.js';
import { dynamoCalls, ovirtCalls, sfnCalls } from '../measure/call-counts.js';
import { convergenceIssues } from '../measure/convergence.js';
import { largestItem } from '../measure/item-size.js';
import { emptyWrites, engineMinimum } from '../measure/minimum.js';
import { percentile } from '../measure/percentile.js';
import type { BenchParts } from '../parts/bench-parts.js';
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

/** executeScenario runs `scenario` against `parts` with `modules` and returns its measurements. */
export async function executeScenario(parts: BenchParts, scenario: Scenario, modules: HandlerModules): Promise<ScenarioResult> {
  const recordings = scenario.build();
  const tableName = await parts.newTable();
  const env = lambdaEnvironment(parts, tableName, { ...scenario.env });
  const mapping = readMappingSettings(env);
  const [onEvent, sweep] = await Promise.all([
    startContainer({ modulePath: modules.onEvent, timeoutMs: TIMEOUTS_MS.onEvent, env, nodeOptions: modules.nodeOptions }),
    startContainer({ modulePath: modules.sweep, timeoutMs: TIMEOUTS_MS.sweep, env, nodeOptions: modules.nodeOptions }),
  ]);
  const leaseMs = Number(env.LEASE_SECONDS ?? '120') * 1000;
  const run = new ScenarioRun(parts, { onEvent, sweep }, tableName, recordings.length <= 5, leaseMs);
  parts.resetCounts();
  const started = performance.now();
  try {
    await scenario.drive(run, recordings);
  } finally {
    run.close();
  }
  const wallMs = performance.now() - started;
  const counts = parts.counts();
  const peakRssKb = Math.max(await onEvent.peakRssKb(), await sweep.peakRssKb());
  await Promise.all([onEvent.stop(), sweep.stop()]);
  const executions: BaselineExecution[] = recordings.map((recording) => ({
    recording,
    syncPoints: run.syncPoints.get(recording.description.executionArn) ?? [],
  }));
  const events = recordings.reduce((sum, r) => sum + r.events.length, 0);
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
    pageBound: executions.reduce((sum, e) => sum + Math.ceil(e.recording.events.length / 1000), 0) + sum(run.triggers.values()),
    dynamo: dynamoCalls(counts),
    wallMs,
    transitionsPerSecond: events / (wallMs / 1000),
    latencyMs: { p50: percentile(run.latencies, 50), p99: percentile(run.latencies, 99), samples: run.latencies.length },
    soloLatencyMs: run.soloLatencies,
    durationMs: { p50: percentile(run.durations, 50), p99: percentile(run.durations, 99), samples: run.durations.length },
    peakRssMb: peakRssKb / 1024,
    maxItemBytes: Math.max(largest.bytes, run.maxMetaBytes),
    invocations: run.invocations,
    convergenceIssues: convergenceIssues(parts.engine, recordings, mapping),
    baseline: await baseline(parts, scenario, executions, mapping),
  };
}

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
  if (!scenario.driveBaseline) return { calls: expected, driven: false };
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
  return { calls, driven: true, wallMs };
}
