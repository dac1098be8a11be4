/**
 * Property: for every recorded execution (a–e), ANY delivery of its log records — split into
 * batches anywhere, delivered in any order, some batches twice, some lost — followed by one
 * sweep converges to the same oVirt tree as a full history sync. A redriven execution also gets
 * the status-change event AWS sends for its redrive: when the first run's end arrived and every
 * record of the redrive was lost, the execution looks settled and only that event says otherwise
 * (found by seed -2068070485, named below). Records after a gap are held on the meta row until
 * a later delivery fills it; a gap held longer than the gap wait is repaired by a budgeted
 * history read, or (budget 0) left to the sweep. Delivered whole and in order, or split record by
 * record over two log streams delivered one after the other or at once, in any order, the push
 * path reads no history at all.
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

const GAP_WAIT_MS = 5000;

function parts(name: FixtureName, budgetPerSecond: number) {
  const history = new RecordingHistory(name);
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const clock = { now: NOW };
  const budget = new InMemoryHistoryBudget(budgetPerSecond, () => clock.now);
  const deps: ReconcileDeps = reconcileDeps({ history, store, ovirt, now: () => clock.now, historyBudget: budget });
  return { history, store, ovirt, budget, deps, clock };
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

/** A pause for the lease wait that lets every pending promise of the in-memory parts settle first. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** applyOne applies one batch as one subscription delivery, through the parser, as the handler does. */
function applyOne(batch: readonly LogRecordJson[], deps: ReconcileDeps) {
  return applyLogBatch(parseExecutionLogs(logDelivery(batch)), deps, {
    concurrency: 4,
    accepts: () => true,
    toHistoryEvent: logRecordToHistoryEvent,
    gapWaitMs: GAP_WAIT_MS,
    sleep: nextTurn,
  });
}

/** deliver applies the batches one after the other. */
async function deliver(batches: readonly (readonly LogRecordJson[])[], deps: ReconcileDeps) {
  const reports = [];
  for (const batch of batches) reports.push(await applyOne(batch, deps));
  return reports;
}

/**
 * A two-stream delivery plan: each record lands in one of two log streams (as Step Functions
 * writes them), each stream is cut into batches, and the batches are delivered in any order,
 * some twice, some in pairs at the same time (two concurrent invocations); none is lost.
 */
function twoStreamPlan(records: readonly LogRecordJson[]) {
  return fc
    .record({
      streamOf: fc.array(fc.boolean(), { minLength: records.length, maxLength: records.length }),
      cuts: fc.array(fc.uniqueArray(fc.integer({ min: 1, max: records.length }), { maxLength: 4 }), { minLength: 2, maxLength: 2 }),
      order: fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
      twice: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      together: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    })
    .map(({ streamOf, cuts, order, twice, together }) => {
      const batches = [false, true].flatMap((stream, s) => {
        const own = records.filter((_, i) => streamOf[i] === stream);
        const bounds = [0, ...[...(cuts[s] ?? [])].filter((cut) => cut < own.length).sort((a, b) => a - b), own.length];
        return bounds.slice(1).map((end, i) => own.slice(bounds[i], end)).filter((batch) => batch.length > 0);
      });
      const shuffled = batches.map((batch, i) => ({ batch, key: order[i] ?? 0, i })).sort((a, b) => a.key - b.key || a.i - b.i);
      const delivered = shuffled.flatMap(({ batch, i }) => (twice[i] === true ? [batch, batch] : [batch]));
      // Waves: consecutive batches marked `together` run at once.
      const waves: (readonly LogRecordJson[])[][] = [];
      delivered.forEach((batch, i) => {
        const last = waves.at(-1);
        if (last !== undefined && together[i % together.length] === true) last.push(batch);
        else waves.push([batch]);
      });
      return waves;
    });
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

  it.each(FIXTURE_NAMES)('recording %s: records split over two log streams, delivered in any order, some at once, converge with no history read', async (name) => {
    const records = logRecordsOf(fixtureRecordings().get(name)!);
    const expected = await expectedTree(name);
    await fc.assert(
      fc.asyncProperty(twoStreamPlan(records), async (waves) => {
        const { deps, ovirt, store, history } = parts(name, 5);

        for (const wave of waves) await Promise.all(wave.map((batch) => applyOne(batch, deps)));

        expect(renderFakeOvirt(ovirt, 'description')).toEqual(expected);
        expect(history.historyCalls).toBe(0);
        expect(store.metas.get(FIXTURES[name].executionArn)).toMatchObject({ open: false, heldEvents: undefined });
      }),
      { numRuns: 60 },
    );
  });

  it('two deliveries of one execution at once, records interleaved over two streams: the second waits for the lease; full tree, no history read', async () => {
    const records = logRecordsOf(fixtureRecordings().get('a')!);
    const { deps, ovirt, history, store } = parts('a', 5);
    const stream = (parity: number) => records.filter((record) => Number(record.id) % 2 === parity);

    const reports = await Promise.all([applyOne(stream(1), deps), applyOne(stream(0), deps)]);

    expect(renderFakeOvirt(ovirt, 'description')).toEqual(await expectedTree('a'));
    expect(history.historyCalls).toBe(0);
    expect(reports.map((r) => r.historyReadsSpent)).toEqual([0, 0]);
    expect(store.metas.get(FIXTURES.a.executionArn)).toMatchObject({ open: false, requests: 0, heldEvents: undefined });
  });

  it('the part before a gap is applied at once and the rest held; the delivery that fills the gap applies the held records, no history read', async () => {
    const records = logRecordsOf(fixtureRecordings().get('a')!);
    const { deps, ovirt, history, store } = parts('a', 5);
    const arn = FIXTURES.a.executionArn;

    await deliver([records.slice(0, 5), /* 5–9 later */ records.slice(10)], deps);
    const held = store.metas.get(arn);
    const stepsBefore = ovirt.steps.size;
    await deliver([records.slice(5, 10)], deps);

    expect(held).toMatchObject({ cursor: 5, open: true });
    expect(held?.heldEvents).toBeDefined();
    expect(stepsBefore).toBeGreaterThan(0);
    expect(renderFakeOvirt(ovirt, 'description')).toEqual(await expectedTree('a'));
    expect(history.historyCalls).toBe(0);
    expect(store.metas.get(arn)).toMatchObject({ open: false, heldEvents: undefined });
  });

  it('a lost batch in the middle: the gap is held for the gap wait, then repaired by one budgeted history read at the next delivery', async () => {
    const records = logRecordsOf(fixtureRecordings().get('a')!);
    const { deps, ovirt, history, budget, clock, store } = parts('a', 5);

    const held = await deliver([records.slice(0, 5), /* 5–9 lost */ records.slice(10)], deps);
    const readsWhileHeld = history.historyCalls;
    clock.now += GAP_WAIT_MS;
    const repaired = await deliver([records.slice(10)], deps);

    expect(readsWhileHeld).toBe(0);
    expect(renderFakeOvirt(ovirt, 'description')).toEqual(await expectedTree('a'));
    expect(history.historyCalls).toBe(1);
    expect(budget.taken).toBe(1);
    expect([...held, ...repaired].map((r) => [r.historyReadsSaved, r.historyReadsSpent, r.deferred])).toEqual([[1, 0, 1], [1, 0, 1], [0, 1, 0]]);
    expect(store.metas.get(FIXTURES.a.executionArn)?.heldEvents).toBeUndefined();
  });

  it('an execution first seen with a gap is put in the sweep index; the sweep\'s history read repairs it and clears the held records', async () => {
    const records = logRecordsOf(fixtureRecordings().get('b')!);
    const { deps, ovirt, budget, store, history } = parts('b', 0);
    const arn = FIXTURES.b.executionArn;

    const reports = await deliver([records.slice(6)], deps);
    const before = { jobs: ovirt.jobs.size, open: store.metas.get(arn)?.open, lease: store.metas.get(arn)?.leaseOwner, held: store.metas.get(arn)?.heldEvents !== undefined, describeCalls: history.describeCalls };
    const sweep = await sweepExecutions(deps, SWEEP);

    expect(reports[0]).toMatchObject({ deferred: 1, historyReadsSpent: 0, failed: 0 });
    expect(budget.refused).toBe(0);
    expect(before).toEqual({ jobs: 0, open: true, lease: undefined, held: true, describeCalls: 0 });
    expect(sweep).toMatchObject({ visited: 1, converged: 1 });
    expect(renderFakeOvirt(ovirt, 'description')).toEqual(await expectedTree('b'));
    expect(store.metas.get(arn)?.heldEvents).toBeUndefined();
  });

  it('with the budget used up, a gap held past the gap wait is left to the sweep (pending), which repairs it', async () => {
    const records = logRecordsOf(fixtureRecordings().get('b')!);
    const { deps, ovirt, budget, store, clock } = parts('b', 0);
    const arn = FIXTURES.b.executionArn;

    await deliver([records.slice(6)], deps);
    clock.now += GAP_WAIT_MS;
    const reports = await deliver([records.slice(6)], deps);
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
