/**
 * The benchmark's CI smoke: the small scenarios (npm run bench:smoke) against the engine
 * simulator, dynalite and the Step Functions stub, with the real handlers in their own
 * processes. It fails only on call counts and end state — never on timing, which is too noisy
 * on shared machines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../../bench/run-benchmark.js';
import type { BenchmarkRun } from '../../../bench/run-benchmark.js';
import { totalWrites } from '../../../bench/measure/minimum.js';

describe('bench smoke', () => {
  let run: BenchmarkRun;

  beforeAll(async () => {
    run = await runBenchmark({ sizes: 'smoke', latencyMs: 1, coldStart: false });
  }, 300_000);

  it('runs every smoke scenario to the end state in oVirt without a failed invocation', () => {
    // Act
    const broken = run.results.filter((r) => r.convergenceIssues.length > 0 || r.invocations.failed > 0);

    // Assess
    expect(run.results.map((r) => r.id)).toEqual(['linear-10', 'loops-30', 'map-150', 'map-400', 'history-1500', 'burst-10', 'hourly-6']);
    expect(broken.map((r) => [r.id, ...r.convergenceIssues, ...r.invocations.errors])).toEqual([]);
  });

  it('makes exactly the engine-minimum oVirt writes, kind by kind, and no lookups (only the permission probe each container makes once, after its login)', () => {
    // Act
    const off = run.results.filter(
      (r) => JSON.stringify(r.ovirt.writes) !== JSON.stringify(r.minimum) || r.ovirt.reads > r.ovirt.logins || r.ovirt.logins === 0,
    );

    // Assess
    expect(off.map((r) => ({ id: r.id, writes: r.ovirt.writes, minimum: r.minimum, reads: r.ovirt.reads, logins: r.ovirt.logins }))).toEqual([]);
    expect(run.results.every((r) => totalWrites(r.minimum) > 0)).toBe(true);
  });

  it('reads at most ⌈N/1000⌉ + K history pages per scenario', () => {
    // Act
    const over = run.results.filter((r) => r.sfn.pages > r.pageBound);

    // Assess
    expect(over.map((r) => `${r.id}: ${r.sfn.pages} > ${r.pageBound}`)).toEqual([]);
    expect(run.results.find((r) => r.id === 'history-1500')?.sfn.pages).toBe(2);
  });

  it('makes fewer oVirt calls than the ovirt_job approach in every scenario, measured for real where driven', () => {
    // Act
    const worse = run.results.filter((r) => r.ovirt.total >= r.baseline.calls);
    const driven = run.results.filter((r) => r.baseline.driven).map((r) => r.id);

    // Assess
    expect(worse.map((r) => `${r.id}: ours ${r.ovirt.total}, baseline ${r.baseline.calls}`)).toEqual([]);
    expect(driven).toEqual(run.results.map((r) => r.id));
  });

  it('keeps every tracking-table item far below DynamoDB\'s 400 KB limit', () => {
    // Act
    const largest = Math.max(...run.results.map((r) => r.maxItemBytes));

    // Assess
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(64 * 1024);
  });

  it('issue 12: with the push path a running fleet\'s transitions reach oVirt within seconds (half within one), with the minimum writes and no history read of its own; the sweep alone lags by minutes', () => {
    // Act
    const sweep = run.liveness.find((r) => r.mode === 'sweep');
    const push = run.liveness.find((r) => r.mode === 'push' && r.split === 'execution');

    // Assess
    expect(run.liveness.map((r) => [r.mode, r.split, r.executions])).toEqual([['sweep', 'execution', 200], ['push', 'execution', 200], ['push', 'record', 200]]);
    for (const r of run.liveness) {
      expect(r.mirrored).toBe(r.transitions);
      expect(r.ovirtWrites).toBe(r.ovirtMinimumWrites);
    }
    expect(push?.lagP50Ms).toBeLessThan(1000);
    expect(push?.lagP99Ms).toBeLessThan(5000);
    expect(sweep?.lagP50Ms).toBeGreaterThan(30_000);
    expect(push?.pushHistoryCallsPerSecond).toBe(0);
    expect(push?.historyCallsPerSecond).toBeLessThanOrEqual(5);
  });
});
