/**
 * Express executions through the real onExecutionLogs and sweep handlers (dynalite, engine
 * simulator over TLS, Step Functions stub): the recordings replayed as Express executions
 * (Express ARN, same records) give the trees of the mapping rules from their log records alone,
 * whatever the batch order and duplicates, with no call to Step Functions; a lost outcome
 * record is ended failed by the sweep after 5 minutes plus the margin; the cap writes one
 * summary job.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EXPRESS_NOTES } from '../../../src/core/express.js';
import { renderExternalJobs } from '../../helpers/ovirt-tree.js';
import { startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { logDelivery, logRecordsOf } from '../../helpers/log-batches.js';
import type { LogRecordJson } from '../../helpers/log-batches.js';
import { EXPECTED_TREES } from './expected-trees.js';
import { fixture } from './support.js';

/** asExpress gives the records of a Standard recording the Express ARN of the same machine and name. */
function asExpress(records: readonly LogRecordJson[], uuid = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'): LogRecordJson[] {
  return records.map((record) => ({ ...record, execution_arn: `${record.execution_arn.replace(':execution:', ':express:')}:${uuid}` }));
}

function clockAt(at: number) {
  const clock = { at, now: () => clock.at };
  return clock;
}

const SWEEP_PAST_OUTCOME_MS = 5 * 60_000 + 120_000 + 60_000;

describe('onExecutionLogs with Express executions', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
    parts = undefined;
  });

  it.each(['a', 'b', 'c'])(
    'recording %s as an Express execution, batches out of order and one delivered twice: the tree of the mapping rules, no Step Functions call',
    async (letter) => {
      const records = asExpress(logRecordsOf(fixture(letter)));
      const clock = clockAt(Number(records[0]?.event_timestamp) + 1_000);
      parts = await startLocalParts({ overrides: { now: clock.now } });
      const third = Math.ceil(records.length / 3);
      const [first, second, last] = [records.slice(0, third), records.slice(third, 2 * third), records.slice(2 * third)];

      const reports = [];
      for (const batch of [last, first, last, second]) {
        reports.push(await parts.onLogs(logDelivery(batch, { logStream: `states/x/${reports.length % 2}` })));
        clock.at += 500;
      }

      expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES[letter]);
      expect(reports.map((report) => report.failed)).toEqual([0, 0, 0, 0]);
      expect(Object.values(parts.sfn.stats().calls).reduce((sum, calls) => sum + (calls ?? 0), 0)).toBe(0);
      // Ended: the sweep has nothing to do for it.
      clock.at += SWEEP_PAST_OUTCOME_MS;
      expect(await parts.sweep()).toMatchObject({ visited: 0 });
    },
  );

  it('a lost outcome record: the job stays started until the sweep runs past 5 minutes plus the margin, then ends failed', async () => {
    const records = asExpress(logRecordsOf(fixture('a')));
    const clock = clockAt(Number(records[0]?.event_timestamp) + 1_000);
    parts = await startLocalParts({ overrides: { now: clock.now } });

    await parts.onLogs(logDelivery(records.slice(0, -1)));
    clock.at += 60_000;
    await parts.sweep();
    expect(renderExternalJobs(parts.engine)[0]?.[0]).toBe('[started] build-and-deploy › checkout-api-main-3f9d2ab');

    clock.at += SWEEP_PAST_OUTCOME_MS;
    const sweep = await parts.sweep();

    expect(sweep).toMatchObject({ visited: 1, converged: 1, failed: 0 });
    const [tree] = renderExternalJobs(parts.engine);
    expect(tree?.[0]).toBe('[failed] build-and-deploy › checkout-api-main-3f9d2ab');
    expect(tree).toContain(`  [failed] ${EXPRESS_NOTES.outcomeUnlogged}`);
    expect(tree?.filter((line) => line.includes('[started]'))).toEqual([]);
  });

  it('a lost early record: later ones wait for the gap, then the sweep applies them with "Some events were not logged"', async () => {
    const records = asExpress(logRecordsOf(fixture('a')));
    const clock = clockAt(Number(records[0]?.event_timestamp) + 1_000);
    parts = await startLocalParts({ overrides: { now: clock.now } });

    await parts.onLogs(logDelivery([...records.slice(0, 2), ...records.slice(4)]));
    expect(renderExternalJobs(parts.engine)).toEqual([['[started] build-and-deploy › checkout-api-main-3f9d2ab', '  [started] PrepareBuild']]);

    clock.at += 61_000;
    await parts.sweep();

    const [tree] = renderExternalJobs(parts.engine);
    expect(tree?.[0]).toBe('[finished] build-and-deploy › checkout-api-main-3f9d2ab');
    expect(tree).toContain(`  [finished] ${EXPRESS_NOTES.missing}`);
  });

  it('over EXPRESS_MAX_EXECUTIONS_PER_MINUTE, the rest are counted in one summary job for the minute', async () => {
    const base = logRecordsOf(fixture('a'));
    const clock = clockAt(Number(base[0]?.event_timestamp) + 1_000);
    parts = await startLocalParts({ overrides: { now: clock.now }, env: { EXPRESS_MAX_EXECUTIONS_PER_MINUTE: '1' } });
    const uuids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];

    await parts.onLogs(logDelivery(uuids.flatMap((uuid) => asExpress(base, uuid))));
    clock.at += 3 * 60_000;
    await parts.sweep();
    await parts.sweep();

    const trees = renderExternalJobs(parts.engine);
    expect(trees).toHaveLength(2);
    expect(trees).toContainEqual(EXPECTED_TREES.a?.[0]);
    expect(trees.map((tree) => tree[0])).toContainEqual(
      expect.stringMatching(/^\[finished\] build-and-deploy: 2 Express executions not mirrored between \d\d:\d\d and \d\d:\d\d UTC \(cap 1\/min\)$/),
    );
  });

  it('two deliveries of one Express execution from two log streams at the same time: one waits for the other\'s lease, the tree is whole', async () => {
    const records = asExpress(logRecordsOf(fixture('b')));
    const clock = clockAt(Number(records[0]?.event_timestamp) + 1_000);
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const half = Math.ceil(records.length / 2);

    const reports = await Promise.all([
      parts.onLogs(logDelivery(records.slice(half), { logStream: 'states/x/2025-03-14-09-15/aaaa0001' })),
      parts.onLogs(logDelivery(records.slice(0, half), { logStream: 'states/x/2025-03-14-09-15/bbbb0002' })),
    ]);

    expect(reports.map((report) => report.failed)).toEqual([0, 0]);
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.b);
  });
});
