/**
 * The sweep reports how long the least recently synced due open execution has waited: the
 * figure the "executions pending too long" alarm watches (metric OldestDueExecutionAgeSeconds).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING } from '../../../src/model/mapping.js';
import { noCounters, silentLog } from '../../../src/model/telemetry.js';
import type { ReconcileDeps } from '../../../src/reconcile/deps.js';
import { sweepExecutions } from '../../../src/reconcile/sweep.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { PagedHistory, pollingHistory } from '../../helpers/paged-history.js';

const NOW = Date.parse('2025-03-14T11:00:00Z');
const arn = (name: string): string => `arn:aws:states:eu-west-1:123456789012:execution:polling:${name}`;

function deps(store: InMemoryTrackingStore): ReconcileDeps {
  return {
    history: new PagedHistory(pollingHistory(4, 'SUCCEEDED'), 10, 'SUCCEEDED'),
    store,
    ovirt: new FakeOvirt(),
    mapping: DEFAULT_MAPPING,
    log: silentLog,
    counters: noCounters,
    now: () => NOW,
    newOwner: () => 'sweeper',
    leaseMs: 60_000,
    requeueSeconds: 30,
    retentionDays: 30,
    dryRun: false,
    // The deadline has come: the sweep lists its candidates and visits none, so nothing moves.
    remainingMs: () => 0,
  };
}

const OPTIONS = { maxExecutions: 10, historyBudget: 100, discoverIn: [], discoveryPercent: 20, discoveryScanLimit: 1000 };

describe('sweepExecutions: oldestDueAgeSeconds', () => {
  it('is the wait of the least recently synced due execution; one backing off (due later) does not count', async () => {
    // Prepare
    const store = new InMemoryTrackingStore();
    const open = (name: string, lastSyncedAt: number): void =>
      void store.metas.set(arn(name), { executionArn: arn(name), cursor: 0, redriveCount: 0, open: true, requests: 0, lastSyncedAt });
    open('synced-a-minute-ago', NOW - 60_000);
    open('waiting-for-25-minutes', NOW - 25 * 60_000 - 400);
    open('backing-off', NOW + 30 * 60_000);

    // Act
    const report = await sweepExecutions(deps(store), OPTIONS);

    // Assess
    expect(report.oldestDueAgeSeconds).toBe(25 * 60);
  });

  it('is 0 when no open execution is due', async () => {
    // Act
    const report = await sweepExecutions(deps(new InMemoryTrackingStore()), OPTIONS);

    // Assess
    expect(report.oldestDueAgeSeconds).toBe(0);
  });
});
