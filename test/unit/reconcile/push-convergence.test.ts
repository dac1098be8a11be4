/**
 * Property: for every recorded execution (a–e), ANY delivery of its log records — split into
 * batches anywhere, delivered in any order, some batches twice, some lost — followed by one
 * sweep converges to the same oVirt tree as a full history sync. A redriven execution also gets
 * the status-change event AWS sends for its redrive: when the first run's end arrived and every
 * record of the redrive was lost, the execution looks settled and only that event says otherwise
 * (found by seed -2068070485, named below). Gaps are repaired by a
 * budgeted history read, or (budget 0) left to the sweep. Delivered whole and in order, the
 * push path reads no history at all and asks no DescribeExecution.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRecordToHistoryEvent } from '../../../src/adapters/sfn/log-record-to-history-event.js';
import { parseExecutionLogs } from '../../../src/events/execution-logs.js';
import type { ReconcileDeps } from '../../../src/reconcile/deps.js';
import { applyLogBatch } from '../../../src/reconcile/apply-log-batch.js';
import { reconcileExecution } from '../../../src/reconcile/reconcile-execution.js';
import { sweepExecutions } from '../../../src/reconcile/sweep.js';
import { FIXTURE_NAMES, FIXTURES, fixtureRecordings } from '../../helpers/fixtures.js';
import type { FixtureName } from '../../helpers/fixtures.js';
import { FakeOvirt, InMemoryHistoryBudget, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { logDelivery, logRecordsOf } from '../../helpers/log-batches.js';
import type { LogRecordJson } from '../../helpers/log-batches.js';
import { renderFakeOvirt } from '../../helpers/ovirt-tree.js';
import { reconcileDeps } from '../../helpers/reconcile-deps.js';
import { RecordingHistory } from '../../helpers/recording-history.js';

const NOW = Date.parse('2025-03-15T00:00:00Z');
const SWEEP = { maxExecutions: 10, historyBudget: 100, discoverIn: [], discoveryPercent: 0, discoveryScanLimit: 10 };

function parts(name: FixtureName, budgetPerSecond: number) {
  const history = new RecordingHistory(name);
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const budget = new InMemoryHistoryBudget(budgetPerSecond, () => NOW);
  const deps: ReconcileDeps = reconcileDeps({ history, store, ovirt, now: () => NOW, historyBudget: budget });
  return { history, store, ovirt, budget, deps };
}

async function fullHistorySync(name: FixtureName): Promise<string[]> {
  const { deps, ovirt } = parts(name, 0);
  await reconcileExecution(FIXTURES[name].executionArn, deps);
  return renderFakeOvirt(ovirt, 'description');
}

const EXPECTED = new Map<FixtureName, string[]>();
async function expectedTree(name: FixtureName): Promise<string[]> {
  const known = EXPECTED.get(name);
  if (known !== undefined) return known;
  const tree = await fullHistorySync(name);
  EXPECTED.set(name, tree);
  return tree;
}

/** deliver applies each batch as one subscription delivery, through the parser, as the handler does. */
async function deliver(batches: readonly (readonly LogRecordJson[])[], deps: ReconcileDeps) {
  const reports = [];
  for (const batch of batches) {
    reports.push(await applyLogBatch(parseExecutionLogs(logDelivery(batch)), deps, { concurrency: 4, accepts: () => true, toHistoryEvent: logRecordToHistoryEvent }));
  }
  return reports;
}

/** A delivery plan: where to cut the records, the order of the batches, which come twice and which are lost. */
function deliveryPlan(records: readonly LogRecordJson[]) {
  return fc
    .record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: records.length - 1 }), { maxLength: Math.min(8, records.length - 1) }),
      order: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
      twice: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
      lost: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
      budget: fc.constantFrom(0, 100),
    })
    .map(({ cuts, order, twice, lost, budget }) => {
      const bounds = [0, ...[...cuts].sort((a, b) => a - b), records.length];
      const batches = bounds.slice(1).map((end, i) => records.slice(bounds[i], end));
      // Sort by a random key: any order of the batches.
      const shuffled = batches.map((batch, i) => ({ batch, key: order[i] ?? 0, i })).sort((a, b) => a.key - b.key || a.i - b.i);
      const kept = shuffled.filter(({ i }) => lost[i] !== true);
      // Something reaches the table (with nothing at all, the status-change events and the
      // sweep's discovery are what find an execution, as without the push path).
      const arriving = kept.length > 0 ? kept : shuffled.slice(-1);
      const delivered = arriving.flatMap(({ batch, i }) => (twice[i] === true ? [batch, batch] : [batch]));
      return { delivered, budget, lost: batches.length - arriving.length };
    });
}

/** redriven: the execution was redriven, which AWS announces with a status-change event. */
const redriven = (name: FixtureName): boolean => logRecordsOf(fixtureRecordings().get(name)!).some((record) => record.type === 'ExecutionRedriven');

describe('push path convergence (log batches → oVirt tree)', () => {
  it.each(FIXTURE_NAMES)('recording %s: every record delivered once, in order, reads no history and asks no DescribeExecution', async (name) => {
    const records = logRecordsOf(fixtureRecordings().get(name)!);
    const { deps, ovirt, history } = parts(name, 5);
    const batches = [records.slice(0, 4), records.slice(4, 9), records.slice(9)];

    const reports = await deliver(batches, deps);

    expect(renderFakeOvirt(ovirt, 'description')).toEqual(await expectedTree(name));
    expect(history.historyCalls).toBe(0);
    expect(history.describeCalls).toBe(0);
    expect(reports.map((r) => r.historyReadsSaved)).toEqual([1, 1, 1]);
  });

  it.each(FIXTURE_NAMES)('recording %s: any split, order, duplication and loss, then one sweep, gives the full sync\'s tree', async (name) => {
    const records = logRecordsOf(fixtureRecordings().get(name)!);
    const expected = await expectedTree(name);
    await fc.assert(
      fc.asyncProperty(deliveryPlan(records), async ({ delivered, budget }) => {
        const { deps, ovirt, store } = parts(name, budget);

        await deliver(delivered, deps);
        if (redriven(name)) await reconcileExecution(FIXTURES[name].executionArn, deps);
        await sweepExecutions(deps, SWEEP);

        expect(renderFakeOvirt(ovirt, 'description')).toEqual(expected);
        expect(store.metas.get(FIXTURES[name].executionArn)?.open).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('a lost batch in the middle is repaired by one budgeted history read, when the next batch shows the gap', async () => {
    const records = logRecordsOf(fixtureRecordings().get('a')!);
    const { deps, ovirt, history, budget } = parts('a', 5);

    const reports = await deliver([records.slice(0, 5), /* 5–9 lost */ records.slice(10)], deps);

    expect(renderFakeOvirt(ovirt, 'description')).toEqual(await expectedTree('a'));
    expect(history.historyCalls).toBe(1);
    expect(budget.taken).toBe(1);
    expect(reports.map((r) => [r.historyReadsSaved, r.historyReadsSpent, r.deferred])).toEqual([[1, 0, 1], [0, 1, 0]]);
  });

  it('with the budget used up, a gap is left to the sweep (pending), which repairs it', async () => {
    const records = logRecordsOf(fixtureRecordings().get('b')!);
    const { deps, ovirt, budget, store } = parts('b', 0);

    const reports = await deliver([records.slice(6)], deps);
    const arn = FIXTURES.b.executionArn;
    const before = { jobs: ovirt.jobs.size, open: store.metas.get(arn)?.open, lease: store.metas.get(arn)?.leaseOwner };
    const sweep = await sweepExecutions(deps, SWEEP);

    expect(reports[0]).toMatchObject({ deferred: 1, historyReadsSpent: 0, failed: 0 });
    expect(budget.refused).toBe(1);
    expect(before).toEqual({ jobs: 0, open: true, lease: undefined });
    expect(sweep).toMatchObject({ visited: 1, converged: 1 });
    expect(renderFakeOvirt(ovirt, 'description')).toEqual(await expectedTree('b'));
  });

  it('issue 12 seed -2068070485: a redrive whose every record was lost looks settled to the sweep; its status-change event mirrors it once', async () => {
    // Prepare: the first run's records up to its ExecutionFailed arrive; the redrive's (14–24) are lost.
    const records = logRecordsOf(fixtureRecordings().get('e')!);
    const { deps, ovirt, store } = parts('e', 0);
    const arn = FIXTURES.e.executionArn;
    await deliver([records.slice(0, 13)], deps);
    const sweep = await sweepExecutions(deps, SWEEP);
    const afterSweep = renderFakeOvirt(ovirt, 'description');

    // Act: the redrive's status-change event (as onExecutionEvent handles it).
    await reconcileExecution(arn, deps);

    // Assess: the sweep had nothing to visit (run 0 ended, all closed); the event mirrors the redrive, nothing twice.
    expect(sweep.visited).toBe(0);
    expect(afterSweep).not.toEqual(await expectedTree('e'));
    expect(renderFakeOvirt(ovirt, 'description')).toEqual(await expectedTree('e'));
    expect(store.metas.get(arn)?.open).toBe(false);
  });
});
