/**
 * Express executions mirrored from their log records only (reconcile/express), over the
 * in-memory ports: any delivery order, duplicates and batch splits converge to the tree of an
 * in-order delivery; lost records end in the "missing events" note with nothing left open;
 * a lost outcome record is ended failed by the sweep; a restart does not touch the first run;
 * the cap writes one summary job per window. Step Functions is never asked anything.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPRESS_NOTES } from '../../../src/core/express.js';
import type { HistoryEvent } from '../../../src/model/execution.js';
import type { HistoryReader } from '../../../src/ports.js';
import type { ReconcileDeps } from '../../../src/reconcile/deps.js';
import { DEFAULT_EXPRESS_SETTINGS, EXPRESS_MAX_DURATION_MS } from '../../../src/reconcile/express/settings.js';
import type { ExpressSettings } from '../../../src/reconcile/express/settings.js';
import { ExpressLeaseBusyError, mirrorExpressRecords } from '../../../src/reconcile/express/sync-express.js';
import { sweepExecutions } from '../../../src/reconcile/sweep.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { renderFakeOvirt } from '../../helpers/ovirt-tree.js';
import { reconcileDeps } from '../../helpers/reconcile-deps.js';
import { failure, History } from '../core/support/history.js';

const MACHINE = 'billing-notify';
const arnOf = (name: string, n = 0): string =>
  `arn:aws:states:eu-west-1:123456789012:express:${MACHINE}:${name}:0000000${n}-aaaa-4bbb-8ccc-${String(n).padStart(12, '0')}`;

/** No Express history exists: any call to Step Functions is a bug. */
const noHistory: HistoryReader = {
  describeExecution: () => Promise.reject(new Error('DescribeExecution called for an Express execution')),
  readEventsAfter: () => Promise.reject(new Error('GetExecutionHistory called for an Express execution')),
  readPage: () => Promise.reject(new Error('GetExecutionHistory called for an Express execution')),
  describeDefinition: () => Promise.reject(new Error('DescribeStateMachineForExecution called for an Express execution')),
  describeMapRun: () => Promise.reject(new Error('DescribeMapRun called')),
  listRunning: () => Promise.resolve([]),
};

/** An Express notification run: a retried, then caught Task, a Parallel with two branches, success. */
function notificationHistory(): HistoryEvent[] {
  const h = new History();
  let last = h.start();
  last = h.task(last, 'Render', ['ok']);
  last = h.task(last, 'SendEmail', [failure('Throttled'), 'ok']);
  const entered = h.add('ParallelStateEntered', last, { name: 'Fanout' });
  const started = h.add('ParallelStateStarted', entered);
  const a = h.simple(started, 'Pass', 'Sms');
  const b = h.task(started, 'Push', ['ok']);
  const succeeded = h.add('ParallelStateSucceeded', Math.max(a, b));
  last = h.add('ParallelStateExited', succeeded, { name: 'Fanout' });
  h.succeed(last);
  return h.events;
}

interface Harness {
  readonly store: InMemoryTrackingStore;
  readonly ovirt: FakeOvirt;
  readonly clock: { now: number };
  readonly deps: ReconcileDeps;
}

function harness(start: number): Harness {
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const clock = { now: start };
  const deps = reconcileDeps({ history: noHistory, store, ovirt, now: () => clock.now });
  return { store, ovirt, clock, deps };
}

const sweepOptions = (settings: ExpressSettings = DEFAULT_EXPRESS_SETTINGS) => ({
  maxExecutions: 100,
  historyBudget: 100,
  discoverIn: [],
  discoveryPercent: 0,
  discoveryScanLimit: 10,
  express: settings,
});

/**
 * render shows the oVirt side as the engine would: a step still started under an ended job has
 * the job's status (the job end closes it).
 */

const nothingOpen = (ovirt: FakeOvirt): boolean => [...ovirt.jobs.values()].every((job) => job.status !== 'started');

async function deliver(h: Harness, arn: string, batches: readonly (readonly HistoryEvent[])[], stepMs = 1_000): Promise<void> {
  for (const batch of batches) {
    await mirrorExpressRecords(arn, batch, h.deps, DEFAULT_EXPRESS_SETTINGS);
    h.clock.now += stepMs;
  }
}

async function sweepAt(h: Harness, at: number): Promise<void> {
  h.clock.now = Math.max(h.clock.now, at);
  await sweepExecutions(h.deps, sweepOptions());
}

const EVENTS = notificationHistory();
const START = EVENTS[0]?.timestamp ?? 0;
const PAST_OUTCOME = START + EXPRESS_MAX_DURATION_MS + DEFAULT_EXPRESS_SETTINGS.outcomeMarginMs + 1;

async function reference(): Promise<string[]> {
  const h = harness(START + 500);
  await deliver(h, arnOf('ref'), [EVENTS]);
  return renderFakeOvirt(h.ovirt).map((line) => line.replace('ref', 'run'));
}

/** batchesOf splits a delivery order into consecutive batches at the given cut points. */
function batchesOf(order: readonly HistoryEvent[], cuts: readonly number[]): HistoryEvent[][] {
  const points = [...new Set(cuts.map((cut) => cut % (order.length + 1)))].sort((a, b) => a - b);
  const batches: HistoryEvent[][] = [];
  let from = 0;
  for (const point of [...points, order.length]) {
    if (point > from) batches.push(order.slice(from, point));
    from = Math.max(from, point);
  }
  return batches;
}

describe('Express executions from log records', () => {
  it('mirrors an in-order delivery as the mapping rules say, without asking Step Functions anything', async () => {
    expect(await reference()).toEqual([
      `[finished] ${MACHINE} › run`,
      '  [finished] Render',
      '  [finished] SendEmail',
      '    [finished] Attempt 1 failed — Throttled: Throttled happened',
      '  [finished] Fanout',
      '    [finished] Branch: Sms',
      '      [finished] Sms',
      '    [finished] Branch: Push',
      '      [finished] Push',
      '  [finished] Done',
    ]);
  });

  it('converges to the in-order tree whatever the batches, their order and duplicates', async () => {
    const expected = await reference();
    const indexes = EVENTS.map((_, index) => index);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(indexes, { minLength: indexes.length, maxLength: indexes.length }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.nat({ max: indexes.length - 1 }), { maxLength: 6 }),
        fc.array(fc.boolean(), { maxLength: 10 }),
        async (order, cuts, duplicates, sweeps) => {
          const h = harness(START + 500);
          const events = order.map((index) => EVENTS[index] as HistoryEvent);
          const batches = batchesOf(events, cuts);
          // Retried deliveries: some events arrive again, in a batch of their own, at the end.
          batches.push(duplicates.map((index) => EVENTS[index] as HistoryEvent));
          // Sweeps in between (within the gap wait) change nothing.
          for (const [index, batch] of batches.entries()) {
            await deliver(h, arnOf('run'), [batch]);
            if (sweeps[index] === true) await sweepExecutions(h.deps, sweepOptions());
          }
          expect(renderFakeOvirt(h.ovirt)).toEqual(expected);
          await sweepAt(h, PAST_OUTCOME);
          expect(renderFakeOvirt(h.ovirt)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('with lost records, ends the job with "Some events were not logged" and leaves nothing open once the sweep ran past the outcome margin', async () => {
    const indexes = EVENTS.map((_, index) => index);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(indexes, { minLength: 1, maxLength: indexes.length - 1 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.boolean(),
        async (lost, cuts, reversed) => {
          const h = harness(START + 500);
          const kept = EVENTS.filter((_, index) => !lost.includes(index));
          await deliver(h, arnOf('run'), batchesOf(reversed ? [...kept].reverse() : kept, cuts));
          await sweepAt(h, START + DEFAULT_EXPRESS_SETTINGS.gapWaitMs + 60_000);
          // Past the margin counted from the first record of the run (here ExecutionStarted may be lost).
          await sweepAt(h, PAST_OUTCOME + 60_000);

          expect(nothingOpen(h.ovirt), renderFakeOvirt(h.ovirt).join('\n')).toBe(true);
          const lines = renderFakeOvirt(h.ovirt);
          const maxKept = Math.max(...kept.map((event) => event.id));
          const gapBelowMax = EVENTS.some((event) => event.id < maxKept && !kept.includes(event));
          if (kept.length > 0 && gapBelowMax) expect(lines).toContain(`  [finished] ${EXPRESS_NOTES.missing}`);
          const terminalLost = !kept.some((event) => event.type === 'ExecutionSucceeded');
          if (lines.length > 0 && terminalLost) expect(lines[0]).toMatch(/^\[failed\]/);
          // One job at most, whatever was lost.
          expect(h.ovirt.jobs.size).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a lost outcome record: the sweep ends the job failed with "Outcome not logged by Step Functions" only after 5 minutes plus the margin', async () => {
    const h = harness(START + 500);
    await deliver(h, arnOf('run'), [EVENTS.filter((event) => event.type !== 'ExecutionSucceeded')]);

    await sweepAt(h, START + EXPRESS_MAX_DURATION_MS);
    expect(renderFakeOvirt(h.ovirt)[0]).toBe(`[started] ${MACHINE} › run`);

    await sweepAt(h, PAST_OUTCOME);
    const lines = renderFakeOvirt(h.ovirt);
    expect(lines[0]).toBe(`[failed] ${MACHINE} › run`);
    expect(lines).toContain('  [finished] Render');
    expect(lines).toContain(`  [failed] ${EXPRESS_NOTES.outcomeUnlogged}`);
    expect(lines).not.toContain(`  [finished] ${EXPRESS_NOTES.missing}`);

    // A late outcome record changes nothing: the job has ended.
    await deliver(h, arnOf('run'), [EVENTS.slice(-1)]);
    expect(renderFakeOvirt(h.ovirt)).toEqual(lines);
  });

  it('a restarted run (second ExecutionStarted, another timestamp) becomes its own job and leaves the first run as it was', async () => {
    const h = harness(START + 500);
    const shift = 90_000;
    const restart = EVENTS.slice(0, 6).map((event) => ({ ...event, timestamp: event.timestamp + shift }));
    const arn = arnOf('run');
    await deliver(h, arn, [EVENTS.slice(0, 4)]);
    // The restart's records arrive mixed with the rest of the first run's, duplicates included;
    // its ExecutionStarted record comes no later than its other records (the documented rule).
    await deliver(h, arn, [[...restart.slice(0, 3), ...EVENTS.slice(4, 10)], [...restart.slice(2), ...EVENTS.slice(10)], EVENTS.slice(0, 2)]);

    const jobs = [...h.ovirt.jobs.values()];
    expect(jobs).toHaveLength(2);
    expect(renderFakeOvirt(h.ovirt).slice(0, 10)).toEqual(await reference());
    const restarted = renderFakeOvirt(h.ovirt).slice(10);
    expect(restarted[0]).toMatch(new RegExp(`^\\[started\\] ${MACHINE} › run \\(restarted \\d\\d:\\d\\d:\\d\\d UTC\\)$`));
    expect(restarted).toEqual([restarted[0], '  [finished] Render']);

    // The restart's outcome never comes: the sweep ends it on its own clock.
    await sweepAt(h, PAST_OUTCOME + shift);
    expect(nothingOpen(h.ovirt)).toBe(true);
    expect(renderFakeOvirt(h.ovirt).slice(0, 10)).toEqual(await reference());
  });

  it('over the cap, executions are not mirrored and one summary job per interval counts them', async () => {
    const h = harness(START + 500);
    const settings = { ...DEFAULT_EXPRESS_SETTINGS, maxPerMinute: 2 };
    for (let n = 1; n <= 5; n += 1) await mirrorExpressRecords(arnOf(`run${n}`, n), EVENTS, h.deps, settings);
    // Later records of an execution over the cap are dropped at once, and not counted again.
    await mirrorExpressRecords(arnOf('run5', 5), EVENTS.slice(0, 3), h.deps, settings);
    expect(h.ovirt.jobs.size).toBe(2);

    h.clock.now = START + 60_000;
    await sweepExecutions(h.deps, sweepOptions(settings));
    expect(h.ovirt.jobs.size).toBe(2);

    h.clock.now = START + 121_000;
    await sweepExecutions(h.deps, sweepOptions(settings));
    await sweepExecutions(h.deps, sweepOptions(settings));
    const summaries = renderFakeOvirt(h.ovirt).filter((line) => line.includes('not mirrored'));
    expect(summaries).toEqual([`[finished] ${MACHINE}: 3 Express executions not mirrored between 09:00 and 09:01 UTC (cap 2/min)`]);
    expect(h.ovirt.calls.filter((call) => call === 'addJob')).toHaveLength(3);
  });

  it('records arriving while another invocation holds the lease wait for it; if it stays held, the delivery fails retryable and a redelivery applies them', async () => {
    const h = harness(START + 500);
    const arn = arnOf('run');
    await h.store.acquireLease(arn, 'other', h.clock.now, 60_000);

    const busy = await mirrorExpressRecords(arn, EVENTS, h.deps, DEFAULT_EXPRESS_SETTINGS).catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(ExpressLeaseBusyError);
    expect((busy as ExpressLeaseBusyError).retryable).toBe(true);
    expect(h.ovirt.jobs.size).toBe(0);

    // Released while a later delivery waits: it goes on.
    const later = mirrorExpressRecords(arn, EVENTS, h.deps, DEFAULT_EXPRESS_SETTINGS);
    await h.store.releaseLease(arn, 'other');
    await later;
    expect(renderFakeOvirt(h.ovirt)).toEqual(await reference());
  });

  it('a delivery arriving long after the run (a retry, a dead-letter replay) is not ended for lack of an outcome before its other batches can come', async () => {
    const h = harness(START + 86_400_000);
    await deliver(h, arnOf('run'), [EVENTS.slice(0, 10)]);
    expect(renderFakeOvirt(h.ovirt)[0]).toBe(`[started] ${MACHINE} › run`);

    await deliver(h, arnOf('run'), [EVENTS.slice(10)]);
    expect(renderFakeOvirt(h.ovirt)).toEqual(await reference());
  });

  it('an Express state machine in the allow-list: discovery skips it without a warning (it has no executions to list)', async () => {
    const h = harness(START);
    const warnings: string[] = [];
    const refusing: HistoryReader = {
      ...noHistory,
      listRunning: () => Promise.reject(Object.assign(new Error('Express state machines have no execution list'), { awsName: 'StateMachineTypeNotSupported' })),
    };
    const deps = { ...h.deps, history: refusing, log: { ...h.deps.log, warn: (message: string) => void warnings.push(message) } };

    const report = await sweepExecutions(deps, { ...sweepOptions(), discoverIn: ['arn:aws:states:eu-west-1:123456789012:stateMachine:billing-notify'], discoveryPercent: 20 });

    expect(report).toMatchObject({ visited: 0, failed: 0 });
    expect(warnings).toEqual([]);
  });

  it('a restarted run delivered mixed with the first one (same ids, any batches and order, duplicates) is its own job, and the first run\'s job is as if alone', async () => {
    const shift = 90_000;
    const restart = EVENTS.map((event) => ({ ...event, timestamp: event.timestamp + shift }));
    const all = [...EVENTS, ...restart];
    const expectedFirst = await reference();
    const expectedRestart = [`[finished] ${MACHINE} › run (restarted 09:01:30 UTC)`, ...expectedFirst.slice(1)];
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat({ max: all.length - 1 }), { maxLength: 4 }),
        async (shuffled, cuts, duplicates) => {
          // The documented rule: the first run's ExecutionStarted record comes first, and a restart's
          // no later than the restart's other records.
          const [firstStart, restartStart] = [EVENTS[0] as HistoryEvent, restart[0] as HistoryEvent];
          const rest = shuffled.filter((event) => event !== restartStart && event !== firstStart);
          const firstOfRestart = Math.max(0, rest.findIndex((event) => restart.includes(event)));
          const order = [firstStart, ...rest.slice(0, firstOfRestart), restartStart, ...rest.slice(firstOfRestart)];
          const h = harness(START + 500);
          const batches = batchesOf(order, cuts);
          batches.push(duplicates.map((index) => all[index] as HistoryEvent));
          await deliver(h, arnOf('run'), batches);

          const jobs = [...h.ovirt.jobs.values()].map((job) => renderFakeOvirt({ steps: h.ovirt.steps, jobs: new Map([[job.id, job]]) }));
          expect(jobs.sort((a, b) => a.length - b.length || (a[0] ?? '').localeCompare(b[0] ?? ''))).toEqual(
            [expectedFirst, expectedRestart].sort((a, b) => a.length - b.length || (a[0] ?? '').localeCompare(b[0] ?? '')),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a restart after the first run ended: its later records, without its start record, still find its run', async () => {
    const h = harness(START + 500);
    const restart = EVENTS.map((event) => ({ ...event, timestamp: event.timestamp + 90_000 }));
    await deliver(h, arnOf('run'), [EVENTS, restart.slice(0, 3), restart.slice(3)]);

    const jobs = renderFakeOvirt(h.ovirt);
    expect(jobs.slice(0, 10)).toEqual(await reference());
    expect(jobs.slice(10)).toEqual([`[finished] ${MACHINE} › run (restarted 09:01:30 UTC)`, ...(await reference()).slice(1)]);
  });

  it('a restart after the first run ended: its records arriving before its start record wait on the ended run, then go to the restart', async () => {
    const h = harness(START + 500);
    const restart = EVENTS.map((event) => ({ ...event, timestamp: event.timestamp + 90_000 }));
    await deliver(h, arnOf('run'), [EVENTS, restart.slice(5), restart.slice(1, 5), EVENTS.slice(3, 6), restart.slice(0, 1)]);

    const jobs = renderFakeOvirt(h.ovirt);
    expect(jobs.slice(0, 10)).toEqual(await reference());
    expect(jobs.slice(10)).toEqual([`[finished] ${MACHINE} › run (restarted 09:01:30 UTC)`, ...(await reference()).slice(1)]);
  });

  it('an ended run put back in the sweep index by a counted request still holds a restart\'s early records for it', async () => {
    const h = harness(START + 500);
    const arn = arnOf('run');
    const restart = EVENTS.map((event) => ({ ...event, timestamp: event.timestamp + 90_000 }));
    await deliver(h, arn, [EVENTS]);
    // A request counted while another invocation held the lease puts the row back in the index.
    await h.store.acquireLease(arn, 'other', h.clock.now, 60_000);
    await h.store.acquireLease(arn, 'someone', h.clock.now, 60_000);
    await h.store.releaseLease(arn, 'other');

    await deliver(h, arn, [restart.slice(1), restart.slice(0, 1)]);

    expect(renderFakeOvirt(h.ovirt).slice(10)).toEqual([`[finished] ${MACHINE} › run (restarted 09:01:30 UTC)`, ...(await reference()).slice(1)]);
    expect(h.store.metas.get(arn)?.open).toBe(false);
  });

  it('a round blocked by a claim held elsewhere keeps every record it got, and the sweep finishes once the claim lapses', async () => {
    const h = harness(START + 500);
    const arn = arnOf('run');
    await h.store.claim({ executionArn: arn, key: 'job#0', state: 'PENDING', leaseOwner: 'stuck', leaseExpiresAt: h.clock.now + 60_000 }, h.clock.now);

    const outcome = await mirrorExpressRecords(arn, EVENTS, h.deps, DEFAULT_EXPRESS_SETTINGS);
    expect(outcome.kind).toBe('pending');
    expect(h.ovirt.jobs.size).toBe(0);

    await sweepAt(h, h.clock.now + 61_000);
    expect(renderFakeOvirt(h.ovirt)).toEqual(await reference());
  });
});
