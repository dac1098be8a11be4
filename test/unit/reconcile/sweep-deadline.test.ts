/**
 * The sweep under a soft deadline and a page budget: no execution is visited once the deadline
 * has come, and the budget counts history pages (forward pages one each).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING } from '../../../src/model/mapping.js';
import { noCounters, silentLog } from '../../../src/model/telemetry.js';
import type { ReconcileDeps } from '../../../src/reconcile/deps.js';
import { sweepExecutions } from '../../../src/reconcile/sweep.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { PAGED_ARN, PagedHistory, pollingHistory } from '../../helpers/paged-history.js';

const EVENT_COUNT = 46;
const PAGE_SIZE = 10;

function setup(remaining: number) {
  const store = new InMemoryTrackingStore();
  store.metas.set(PAGED_ARN, { executionArn: PAGED_ARN, cursor: 0, redriveCount: 0, open: true, requests: 0 });
  const history = new PagedHistory(pollingHistory(EVENT_COUNT, 'SUCCEEDED'), PAGE_SIZE, 'SUCCEEDED');
  const deps: ReconcileDeps = {
    history,
    store,
    ovirt: new FakeOvirt(),
    mapping: DEFAULT_MAPPING,
    log: silentLog,
    counters: noCounters,
    now: () => Date.parse('2025-03-14T11:00:00Z'),
    newOwner: () => 'sweeper',
    leaseMs: 60_000,
    requeueSeconds: 30,
    retentionDays: 30,
    dryRun: false,
    remainingMs: () => remaining,
  };
  return { deps, history };
}

const OPTIONS = { maxExecutions: 10, historyBudget: 100, discoverIn: [], discoveryPercent: 20, discoveryScanLimit: 1000 };

describe('sweepExecutions', () => {
  it('visits no execution once the soft deadline has come', async () => {
    // Prepare
    const { deps, history } = setup(0);

    // Act
    const report = await sweepExecutions(deps, OPTIONS);

    // Assess
    expect(report).toMatchObject({ visited: 0, deadlineReached: true, historyReads: 0 });
    expect(history.pagesServed).toEqual([]);
  });

  it('counts every forward history page against its budget', async () => {
    // Prepare
    const { deps, history } = setup(60_000);

    // Act
    const report = await sweepExecutions(deps, OPTIONS);

    // Assess
    expect(report).toMatchObject({ visited: 1, converged: 1, deadlineReached: false });
    expect(report.historyReads).toBe(history.pagesServed.length);
    expect(report.historyReads).toBe(Math.ceil(EVENT_COUNT / PAGE_SIZE));
  });
});
