/**
 * applyLogBatch: how one delivery is routed — Standard executions to the reconciler with their
 * records, Express executions to the Express sync when one is plugged in (counted and ignored
 * otherwise), executions outside the allow-list ignored — concurrently but bounded, and which
 * failures fail the delivery.
 */
import { describe, expect, it } from 'vitest';
import { logRecordToHistoryEvent } from '../../../src/adapters/sfn/log-record-to-history-event.js';
import { parseExecutionLogs } from '../../../src/events/execution-logs.js';
import type { MetricName } from '../../../src/model/telemetry.js';
import { applyLogBatch } from '../../../src/reconcile/apply-log-batch.js';
import { TrackingStoreError } from '../../../src/errors.js';
import type { ExpressLogSync } from '../../../src/reconcile/apply-log-batch.js';
import { FakeOvirt, InMemoryHistoryBudget, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { logDelivery, logRecordsOf } from '../../helpers/log-batches.js';
import type { LogRecordJson } from '../../helpers/log-batches.js';
import { fixtureRecordings, FIXTURES } from '../../helpers/fixtures.js';
import { reconcileDeps } from '../../helpers/reconcile-deps.js';
import { RecordingHistory } from '../../helpers/recording-history.js';

const NOW = Date.parse('2025-03-15T00:00:00Z');
const EXPRESS = 'arn:aws:states:eu-west-1:482913557106:express:thumbnails:resize-42:0b7e5f0a-3c1d-4e8b-9f2a-6d4c8b1e2f3a';
const A = logRecordsOf(fixtureRecordings().get('a')!);

function setup() {
  const counted: Partial<Record<MetricName, number>> = {};
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const deps = reconcileDeps({
    history: new RecordingHistory('a'),
    store,
    ovirt,
    now: () => NOW,
    historyBudget: new InMemoryHistoryBudget(5, () => NOW),
    counters: { count: (name, value = 1) => void (counted[name] = (counted[name] ?? 0) + value) },
  });
  return { deps, store, ovirt, counted };
}

/** copies gives `count` executions of state machine `machine` (ARNs differ by name), each with records 1–3 of recording a. */
function copies(count: number, machine = 'build-and-deploy'): LogRecordJson[] {
  return Array.from({ length: count }, (_, i) =>
    A.slice(0, 3).map((r) => ({ ...r, execution_arn: `arn:aws:states:eu-west-1:482913557106:execution:${machine}:run-${i}` })),
  ).flat();
}

describe('applyLogBatch', () => {
  it('sends Express executions to the Express sync with their records, and Standard ones to the reconciler', async () => {
    const { deps, ovirt } = setup();
    const seen: [string, string, number[]][] = [];
    const express: ExpressLogSync = (group, arn) => {
      seen.push([arn.kind, arn.name, group.records.map((r) => r.id)]);
      return Promise.resolve({ kind: 'converged', executionArn: group.executionArn, actions: 0 });
    };
    const records = [...A.slice(0, 3), ...A.slice(0, 2).map((r) => ({ ...r, execution_arn: EXPRESS }))];

    const report = await applyLogBatch(parseExecutionLogs(logDelivery(records)), deps, { concurrency: 4, accepts: () => true, toHistoryEvent: logRecordToHistoryEvent, gapWaitMs: 5000, express });

    expect(seen).toEqual([['express', 'resize-42', [1, 2]]]);
    expect(report).toMatchObject({ executions: 2, ignored: 0, failed: 0 });
    expect([...ovirt.jobs.values()].map((job) => job.description)).toEqual([`build-and-deploy › ${FIXTURES.a.executionName}`]);
  });

  it('counts Express executions and ignores them while no Express sync is plugged in', async () => {
    const { deps, counted, store } = setup();
    const records = A.slice(0, 2).map((r) => ({ ...r, execution_arn: EXPRESS }));

    const report = await applyLogBatch(parseExecutionLogs(logDelivery(records)), deps, { concurrency: 4, accepts: () => true, toHistoryEvent: logRecordToHistoryEvent, gapWaitMs: 5000 });

    expect(report).toMatchObject({ executions: 0, ignored: 1 });
    expect(counted.ExpressExecutionsSkipped).toBe(1);
    expect(store.metas.size).toBe(0);
  });

  it('applies the allow-list to the state machine the ARN names', async () => {
    const { deps, store } = setup();
    const allowed = 'arn:aws:states:eu-west-1:482913557106:stateMachine:build-and-deploy';

    const report = await applyLogBatch(parseExecutionLogs(logDelivery([...copies(1), ...copies(1, 'other')])), deps, {
      concurrency: 4,
      accepts: (arn) => arn === allowed,
      toHistoryEvent: logRecordToHistoryEvent, gapWaitMs: 5000,
    });

    expect(report).toMatchObject({ executions: 1, ignored: 1 });
    expect([...store.metas.keys()]).toEqual(['arn:aws:states:eu-west-1:482913557106:execution:build-and-deploy:run-0']);
  });

  it('syncs the executions of one delivery concurrently, never more than the bound at once', async () => {
    const { deps, store } = setup();
    let running = 0;
    let most = 0;
    const acquire = store.acquireLease.bind(store);
    store.acquireLease = async (...args) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return acquire(...args);
    };

    const report = await applyLogBatch(parseExecutionLogs(logDelivery(copies(10))), deps, { concurrency: 3, accepts: () => true, toHistoryEvent: logRecordToHistoryEvent, gapWaitMs: 5000 });

    expect(report.executions).toBe(10);
    expect(most).toBe(3);
  });

  it('does not fail the delivery for a Standard execution whose sync failed: counted, the sweep repairs it', async () => {
    const { deps, ovirt } = setup();
    ovirt.failNext('addJob', new Error('engine down'));

    const report = await applyLogBatch(parseExecutionLogs(logDelivery(copies(2))), deps, { concurrency: 1, accepts: () => true, toHistoryEvent: logRecordToHistoryEvent, gapWaitMs: 5000 });

    expect(report).toMatchObject({ executions: 2, failed: 1 });
    expect(ovirt.jobs.size).toBe(1);
  });

  it('issue 12 chaos log-batches: fails the delivery (retryable) when a Standard execution could not be reached on the table, after the others ran', async () => {
    const { deps, store, ovirt } = setup();
    const acquire = store.acquireLease.bind(store);
    let calls = 0;
    store.acquireLease = (...args) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new TrackingStoreError('throttled', { retryable: true })) : acquire(...args);
    };

    const applied = applyLogBatch(parseExecutionLogs(logDelivery(copies(2))), deps, { concurrency: 1, accepts: () => true, toHistoryEvent: logRecordToHistoryEvent, gapWaitMs: 5000 });

    await expect(applied).rejects.toThrow('throttled');
    expect(ovirt.jobs.size).toBe(1);
  });

  it('fails the delivery when an Express execution failed (its records are the only source), after the others ran', async () => {
    const { deps, ovirt } = setup();
    const express: ExpressLogSync = () => Promise.reject(new Error('engine down'));
    const records = [...A.slice(0, 2).map((r) => ({ ...r, execution_arn: EXPRESS })), ...A.slice(0, 3)];

    await expect(applyLogBatch(parseExecutionLogs(logDelivery(records)), deps, { concurrency: 1, accepts: () => true, toHistoryEvent: logRecordToHistoryEvent, gapWaitMs: 5000, express })).rejects.toThrow('engine down');
    expect(ovirt.jobs.size).toBe(1);
  });
});
