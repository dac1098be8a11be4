/**
 * The real onExecutionLogs handler (through src/entry) with dynalite, the engine simulator
 * (TLS) and the Step Functions stub: every recording delivered as CloudWatch Logs batches gives
 * the tree of the mapping rules. In order, without a single Step Functions history read; a gap
 * costs one read from the push path's budget; with the budget used up, the execution is left
 * to the sweep, which repairs it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderExternalJobs } from '../../helpers/ovirt-tree.js';
import { startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { logDelivery, logRecordsOf } from '../../helpers/log-batches.js';
import type { LogRecordJson } from '../../helpers/log-batches.js';
import { EXPECTED_TREES } from './expected-trees.js';
import { Clock, FIXTURES, fixture, revealAll, scenarioOf } from './support.js';

const EXPRESS_ARN = 'arn:aws:states:eu-west-1:482913557106:express:thumbnails:resize-42:0b7e5f0a-3c1d-4e8b-9f2a-6d4c8b1e2f3a';

/** thirds cuts the records into three batches, as two log streams and a later flush might. */
function thirds(records: readonly LogRecordJson[]): LogRecordJson[][] {
  const a = Math.ceil(records.length / 3);
  return [records.slice(0, a), records.slice(a, 2 * a), records.slice(2 * a)];
}

describe('onExecutionLogs over the recordings', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
    parts = undefined;
  });

  it.each(FIXTURES.map((rec) => [scenarioOf(rec), rec] as const))(
    'recording %s delivered in order as log batches: the tree of the mapping rules, no history read, no DescribeExecution',
    async (letter, rec) => {
      const clock = new Clock();
      parts = await startLocalParts({ overrides: { now: clock.now } });
      revealAll(parts.sfn, rec);
      parts.sfn.resetStats();

      const reports = [];
      for (const batch of thirds(logRecordsOf(rec))) reports.push(await parts.onLogs(logDelivery(batch)));

      expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES[letter]);
      expect(parts.sfn.stats().calls.GetExecutionHistory ?? 0).toBe(0);
      expect(parts.sfn.stats().calls.DescribeExecution ?? 0).toBe(0);
      expect(reports.map((r) => [r.executions, r.historyReadsSaved, r.historyReadsSpent, r.failed])).toEqual([
        [1, 1, 0, 0],
        [1, 1, 0, 0],
        [1, 1, 0, 0],
      ]);
    },
  );

  it('recording c with its middle batch lost: the next batch is held; once held PUSH_GAP_WAIT_SECONDS, one budgeted history read repairs it', async () => {
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const rec = fixture('c');
    revealAll(parts.sfn, rec);
    parts.sfn.resetStats();
    const [first, , last] = thirds(logRecordsOf(rec));

    const reports = [await parts.onLogs(logDelivery(first!)), await parts.onLogs(logDelivery(last!))];
    const readsWhileHeld = parts.sfn.stats().calls.GetExecutionHistory ?? 0;
    clock.advance(5_000);
    reports.push(await parts.onLogs(logDelivery(last!)));

    expect(readsWhileHeld).toBe(0);
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.c);
    expect(parts.sfn.stats().calls.GetExecutionHistory).toBe(1);
    expect(reports[1]).toMatchObject({ historyReadsSpent: 0, deferred: 1, failed: 0 });
    expect(reports[2]).toMatchObject({ historyReadsSpent: 1, deferred: 0, failed: 0 });
  });

  it('recording c split record by record over two log streams, both delivered at once: no history read, the full tree', async () => {
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const rec = fixture('c');
    revealAll(parts.sfn, rec);
    parts.sfn.resetStats();
    const records = logRecordsOf(rec);
    const streams = [records.filter((_, i) => i % 2 === 0), records.filter((_, i) => i % 2 === 1)];

    const reports = await Promise.all(streams.map((stream) => parts!.onLogs(logDelivery(stream))));

    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.c);
    expect(parts.sfn.stats().calls.GetExecutionHistory ?? 0).toBe(0);
    expect(reports.map((r) => r.historyReadsSpent)).toEqual([0, 0]);
  });

  it('with the push path\'s history budget used up, a gap leaves the execution to the sweep, which repairs it', async () => {
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now }, env: { PUSH_HISTORY_READS_PER_SECOND: '0' } });
    const rec = fixture('b');
    revealAll(parts.sfn, rec);
    parts.sfn.resetStats();
    const [, middle] = thirds(logRecordsOf(rec));

    const report = await parts.onLogs(logDelivery(middle!));
    const before = { trees: renderExternalJobs(parts.engine), history: parts.sfn.stats().calls.GetExecutionHistory ?? 0 };
    const sweep = await parts.sweep();

    expect(report).toMatchObject({ executions: 1, deferred: 1, historyReadsSpent: 0, failed: 0 });
    expect(before).toEqual({ trees: [], history: 0 });
    expect(sweep).toMatchObject({ visited: 1, converged: 1 });
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.b);
  });

  it('recording d from two log streams at the same time: the expected tree, whichever invocation holds the execution', async () => {
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const rec = fixture('d');
    revealAll(parts.sfn, rec);
    const [first, second, third] = thirds(logRecordsOf(rec));

    const reports = await Promise.all([
      parts.onLogs(logDelivery(first!, { logStream: 'states/quality-gates/2025-03-14-09-15/aaaa0001' })),
      parts.onLogs(logDelivery([...second!, ...third!], { logStream: 'states/quality-gates/2025-03-14-09-16/bbbb0002' })),
    ]);

    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.d);
    expect(reports.map((r) => r.failed)).toEqual([0, 0]);
    // At most one repair read per delivery: a gap, or the holder's round after the other's request.
    expect(reports.reduce((sum, r) => sum + r.historyReadsSpent, 0)).toBeLessThanOrEqual(2);
    console.info(`two streams at once: ${JSON.stringify(reports.map((r) => ({ saved: r.historyReadsSaved, spent: r.historyReadsSpent, deferred: r.deferred })))}`);
  });

  it('a malformed record is left out and counted, an Express execution in the same delivery is mirrored on its own, the rest applies', async () => {
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const rec = fixture('a');
    revealAll(parts.sfn, rec);
    const records = logRecordsOf(rec);
    const express = { ...records[0]!, execution_arn: EXPRESS_ARN };

    const report = await parts.onLogs(logDelivery([...records.slice(0, 8), '{"id":"9", "details":', express, ...records.slice(8)]));

    expect(report).toMatchObject({ executions: 2, records: records.length + 1, malformed: 1, ignored: 0, failed: 0 });
    const trees = renderExternalJobs(parts.engine);
    expect(trees).toHaveLength(2);
    expect(trees).toContainEqual(EXPECTED_TREES.a?.[0]);
    // Its ExecutionStarted record alone: a started job, ended by its outcome record or, failing that, the sweep.
    expect(trees).toContainEqual(['[started] thumbnails › resize-42']);
  });
});
