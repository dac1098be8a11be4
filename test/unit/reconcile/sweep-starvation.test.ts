/**
 * Issue 9 #1 and #8 on the in-memory ports: executions whose syncs keep failing must not hold
 * the head of the sweep, and open executions filling every slot must not keep the sweep from
 * discovering a RUNNING execution whose events were all lost.
 */
import { describe, expect, it } from 'vitest';
import { OvirtHttpError } from '../../../src/errors.js';
import { reconcileExecution } from '../../../src/reconcile/reconcile-execution.js';
import { discoverySlots, sweepExecutions } from '../../../src/reconcile/sweep.js';
import { backoffMs, FIRST_BACKOFF_MS, MAX_BACKOFF_MS } from '../../../src/reconcile/sync-failure.js';
import { arnOf, fleet, jobStatusOf, MACHINE, OTHER_MACHINE, sweepOptions } from './sweep-fleet.js';

const MINUTE = 60_000;

/**
 * starvedFleet: five tracked open executions, synced first (so least recently synced), that
 * then fail every sync, and three real executions whose final status events were lost.
 */
async function starvedFleet(breakPoison: (setup: ReturnType<typeof fleet>, arn: string) => void) {
  const setup = fleet();
  const poison = Array.from({ length: 5 }, (_, i) => arnOf(`poison-${i}`));
  const real = Array.from({ length: 3 }, (_, i) => arnOf(`real-${i}`));
  for (const [i, arn] of [...poison, ...real].entries()) {
    setup.history.add(arn, i);
    await reconcileExecution(arn, setup.deps);
    setup.advance(1000);
  }
  for (const arn of poison) breakPoison(setup, arn);
  for (const arn of real) setup.history.end(arn);
  return { ...setup, poison, real };
}

describe('issue 9 #1: failing executions starve the sweep', () => {
  it('issue 9 #1: five executions Step Functions no longer knows leave the index, and the lost ends of three others are mirrored', async () => {
    // Prepare
    const { deps, store, ovirt, poison, real, advance } = await starvedFleet(({ history }, arn) => history.gone.add(arn));
    const options = sweepOptions({ maxExecutions: 5 });

    // Act
    const reports = [];
    for (let sweep = 0; sweep < 3; sweep += 1) {
      advance(MINUTE);
      reports.push(await sweepExecutions(deps, options));
    }

    // Assess
    expect(reports[0]).toMatchObject({ visited: 5, failed: 5 });
    expect(real.map((arn) => jobStatusOf(ovirt, arn))).toEqual(['finished', 'finished', 'finished']);
    const open = (await store.listOpen(100)).map((entry) => entry.executionArn);
    expect(open.filter((arn) => poison.includes(arn))).toEqual([]);
    for (const arn of poison) {
      expect(store.expiries.get(arn)).toBeGreaterThan(0);
      expect(store.metas.get(arn)?.failure).toMatchObject({ failures: 1, errorName: 'TerminalReconcileError', nextAttemptAt: null });
    }
  });

  it('issue 9 #1: five executions whose every sync is refused back off, and the lost ends of three others are mirrored', async () => {
    // Prepare: every later sync of a poison execution fails with a refusal retrying cannot cure.
    const refusal = () => new OvirtHttpError({ status: 400, method: 'POST', path: '/jobs/1/end', detail: 'refused' });
    const { deps, store, ovirt, poison, real, advance, clock, history, log, counters } = await starvedFleet(({ history: h }, arn) =>
      h.broken.set(arn, refusal()),
    );
    const options = sweepOptions({ maxExecutions: 5 });

    // Act
    advance(MINUTE);
    const first = await sweepExecutions(deps, options);
    const firstAt = clock.at;
    advance(MINUTE);
    const second = await sweepExecutions(deps, options);

    // Assess
    expect(real.map((arn) => jobStatusOf(ovirt, arn))).toEqual(['finished', 'finished', 'finished']);
    expect(first).toMatchObject({ visited: 5, failed: 5 });
    // A minute on, the real executions come first; the slots left go to poison ones due again.
    expect(second).toMatchObject({ visited: 5, converged: 3, failed: 2 });
    expect(poison.map((arn) => history.describes.get(arn))).toEqual([3, 3, 2, 2, 2]);
    const meta = store.metas.get(poison[0] ?? '');
    expect(meta?.failure).toMatchObject({ failures: 2, errorName: 'OvirtHttpError', failedAt: clock.at });
    expect(meta?.failure?.errorMessage).toContain('refused');
    expect(meta?.lastSyncedAt).toBe(clock.at + backoffMs(2));
    expect(firstAt + FIRST_BACKOFF_MS).toBeLessThanOrEqual(clock.at);
    expect(counters.totals.get('SyncFailures')).toBe(7);
    expect(log.warnings.find((line) => line.extra?.['executionArn'] === poison[0])?.extra).toMatchObject({ failures: 1, errorName: 'OvirtHttpError' });
  });

  it('a failing execution is retried after 1, 2, 4 … minutes, never more than an hour apart', async () => {
    // Prepare
    const { deps, history, advance, clock } = fleet();
    const arn = arnOf('flaky');
    history.add(arn, 0);
    await reconcileExecution(arn, deps);
    history.broken.set(arn, new Error('bug: cannot read properties of undefined'));
    const visitedAt: number[] = [];

    // Act: a sweep every minute for ten hours.
    for (let minute = 1; minute <= 600; minute += 1) {
      advance(MINUTE);
      const before = history.describes.get(arn) ?? 0;
      await sweepExecutions(deps, sweepOptions());
      if ((history.describes.get(arn) ?? 0) > before) visitedAt.push(clock.at);
    }

    // Assess
    const gaps = visitedAt.slice(1).map((at, i) => (at - (visitedAt[i] ?? 0)) / MINUTE);
    expect(gaps.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(Math.max(...gaps)).toBe(MAX_BACKOFF_MS / MINUTE);
  });

  it('a poison execution that throws a plain Error (a bug, not a ReconcilerError) backs off like any other', async () => {
    // Prepare
    const { deps, store, history, advance } = fleet();
    const arn = arnOf('poison');
    history.add(arn, 0);
    await reconcileExecution(arn, deps);
    history.broken.set(arn, new TypeError("Cannot read properties of undefined (reading 'name')"));

    // Act
    advance(MINUTE);
    const report = await sweepExecutions(deps, sweepOptions());
    const again = await sweepExecutions(deps, sweepOptions());

    // Assess
    expect(report).toMatchObject({ visited: 1, failed: 1 });
    expect(again).toMatchObject({ visited: 0 });
    expect(store.metas.get(arn)?.failure).toMatchObject({ failures: 1, errorName: 'TypeError' });
    expect(store.metas.get(arn)?.leaseOwner).toBeUndefined();
  });

  it('a successful event-driven sync clears the backoff, and a failed one records it like the sweep', async () => {
    // Prepare
    const { deps, store, history, advance, clock } = fleet();
    const arn = arnOf('event-driven');
    history.add(arn, 0);
    await reconcileExecution(arn, deps);
    history.broken.set(arn, new OvirtHttpError({ status: 503, method: 'POST', path: '/jobs', detail: 'busy' }));

    // Act: two failed event-driven syncs, then one that works.
    await expect(reconcileExecution(arn, deps)).rejects.toThrow('busy');
    advance(1000);
    await expect(reconcileExecution(arn, deps)).rejects.toThrow('busy');
    const failing = store.metas.get(arn);
    history.broken.delete(arn);
    advance(1000);
    await reconcileExecution(arn, deps);
    const after = store.metas.get(arn);
    const due = await store.listDue(10, clock.at);

    // Assess
    expect(failing?.failure).toMatchObject({ failures: 2, errorName: 'OvirtHttpError' });
    expect(failing?.lastSyncedAt).toBe(clock.at - 1000 + backoffMs(2));
    expect(after?.failure).toBeUndefined();
    expect(after?.lastSyncedAt).toBe(clock.at);
    expect(due.map((entry) => entry.executionArn)).toEqual([arn]);
  });

  it('each failed sync is logged once, with its attempt count; a failure to take the lease is logged by the sweep', async () => {
    // Prepare
    const { deps, store, history, log, advance } = fleet();
    const [broken, unreachable] = [arnOf('broken'), arnOf('unreachable')];
    for (const arn of [broken, unreachable]) {
      history.add(arn, 0);
      await reconcileExecution(arn, deps);
    }
    history.broken.set(broken, new OvirtHttpError({ status: 503, method: 'POST', path: '/jobs', detail: 'busy' }));
    const acquire = store.acquireLease.bind(store);
    store.acquireLease = (arn, ...rest) => (arn === unreachable ? Promise.reject(new Error('table throttled')) : acquire(arn, ...rest));

    // Act
    advance(MINUTE);
    const report = await sweepExecutions(deps, sweepOptions());

    // Assess
    expect(report).toMatchObject({ visited: 2, failed: 2 });
    const about = (arn: string) => log.warnings.filter((line) => line.extra?.['executionArn'] === arn);
    expect(about(broken).map((line) => line.extra?.['failures'])).toEqual([1]);
    expect(about(unreachable).map((line) => line.extra?.['error'])).toEqual(['table throttled']);
  });

  it('an execution that ended before the retention window and is in the index (its first sync failed) leaves it on its next visit', async () => {
    // Prepare: a replayed event of an execution that ended 31 days ago; its sync fails once.
    const { deps, store, history, ovirt, advance } = fleet();
    const arn = arnOf('long-ago');
    history.add(arn, 0);
    history.end(arn);
    advance(31 * 24 * 60 * MINUTE);
    history.broken.set(arn, new OvirtHttpError({ status: 503, method: 'POST', path: '/jobs', detail: 'busy' }));
    await expect(reconcileExecution(arn, deps)).rejects.toThrow('busy');
    history.broken.delete(arn);

    // Act
    advance(MINUTE);
    const first = await sweepExecutions(deps, sweepOptions());
    advance(MINUTE);
    const second = await sweepExecutions(deps, sweepOptions());

    // Assess
    expect(first).toMatchObject({ visited: 1, converged: 1 });
    expect(second).toMatchObject({ visited: 0 });
    expect(await store.listOpen(10)).toEqual([]);
    expect(store.expiries.get(arn)).toBeGreaterThan(0);
    expect(ovirt.jobs.size).toBe(0);
  });

  it('a failed first sync puts the execution in the sweep index, so the sweep retries it once due', async () => {
    // Prepare: the event's sync fails before anything was saved (the meta row is new, not open).
    const { deps, store, history, ovirt, advance } = fleet();
    const arn = arnOf('first-sync');
    history.add(arn, 0);
    history.end(arn);
    history.broken.set(arn, new OvirtHttpError({ status: 503, method: 'POST', path: '/jobs', detail: 'busy' }));
    await expect(reconcileExecution(arn, deps)).rejects.toThrow('busy');
    history.broken.delete(arn);

    // Act
    const early = await sweepExecutions(deps, sweepOptions());
    advance(MINUTE);
    const due = await sweepExecutions(deps, sweepOptions());

    // Assess
    expect(early.visited).toBe(0);
    expect(due).toMatchObject({ visited: 1, converged: 1 });
    expect(jobStatusOf(ovirt, arn)).toBe('finished');
    expect(await store.listOpen(10)).toEqual([]);
  });
});

describe('issue 9 #8: the sweep never discovers lost RUNNING executions when it is full', () => {
  it('issue 9 #8: with 250 open executions and 100 slots, a RUNNING execution whose events were all lost gets its job in the first sweep', async () => {
    // Prepare: the lost execution is the oldest, so ListExecutions (newest first) lists the 250 tracked ones before it.
    const { deps, history, ovirt, advance } = fleet();
    const lost = arnOf('lost');
    history.add(lost, 0);
    for (let i = 1; i <= 250; i += 1) {
      const arn = arnOf(`open-${i}`);
      history.add(arn, i);
      await reconcileExecution(arn, deps);
    }
    const options = sweepOptions({ discoverIn: [MACHINE] });

    // Act
    advance(MINUTE);
    const report = await sweepExecutions(deps, options);

    // Assess
    expect(jobStatusOf(ovirt, lost)).toBe('started');
    expect(report).toMatchObject({ visited: 100, discovered: 1, pending: 100 });
  });

  it('open executions are visited round-robin at (slots - discovery share) per sweep, and get the share discovery leaves unused', async () => {
    // Prepare
    const { deps, history, advance } = fleet();
    for (let i = 1; i <= 250; i += 1) {
      const arn = arnOf(`open-${i}`);
      history.add(arn, i);
      await reconcileExecution(arn, deps);
    }
    const options = sweepOptions({ discoverIn: [MACHINE] });

    // Act
    const visits = new Map<string, number>();
    for (let sweep = 0; sweep < 3; sweep += 1) {
      advance(MINUTE);
      const before = new Map(history.describes);
      await sweepExecutions(deps, options);
      for (const [arn, count] of history.describes) if (count > (before.get(arn) ?? 0)) visits.set(arn, (visits.get(arn) ?? 0) + 1);
    }

    // Assess: nothing to discover, so all 100 slots go to open executions: 300 visits, 250 executions all seen.
    expect(discoverySlots(options)).toBe(20);
    expect(visits.size).toBe(250);
    expect([...visits.values()].reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('discovery keeps its share when many executions were lost, and open executions keep theirs', async () => {
    // Prepare
    const { deps, history, advance } = fleet();
    for (let i = 1; i <= 150; i += 1) {
      const arn = arnOf(`open-${i}`);
      history.add(arn, 1000 + i);
      await reconcileExecution(arn, deps);
    }
    const lost = Array.from({ length: 50 }, (_, i) => arnOf(`lost-${i}`));
    for (const [i, arn] of lost.entries()) history.add(arn, i);

    // Act
    advance(MINUTE);
    const first = await sweepExecutions(deps, sweepOptions({ discoverIn: [MACHINE] }));
    advance(MINUTE);
    const second = await sweepExecutions(deps, sweepOptions({ discoverIn: [MACHINE] }));
    advance(MINUTE);
    const third = await sweepExecutions(deps, sweepOptions({ discoverIn: [MACHINE] }));

    // Assess: 20 + 20 + 10 lost ones found; the open executions got 80, 80 and 90 slots.
    expect([first.discovered, second.discovered, third.discovered]).toEqual([20, 20, 10]);
    expect([first.visited, second.visited, third.visited]).toEqual([100, 100, 100]);
  });

  it('a state machine whose listing always fails does not stop discovery in the others', async () => {
    // Prepare
    const { deps, history, ovirt, log } = fleet();
    const lost = arnOf('lost', OTHER_MACHINE);
    history.add(lost, 0, OTHER_MACHINE);
    history.unlistable.add(MACHINE);

    // Act
    const report = await sweepExecutions(deps, sweepOptions({ discoverIn: [MACHINE, OTHER_MACHINE] }));

    // Assess
    expect(report).toMatchObject({ discovered: 1, visited: 1 });
    expect(jobStatusOf(ovirt, lost)).toBe('started');
    expect(log.warnings.map((line) => line.extra?.['stateMachineArn'])).toContain(MACHINE);
  });

  it('a lost execution whose first sync fails is not discovered again while it backs off', async () => {
    // Prepare
    const { deps, history, advance } = fleet();
    const lost = arnOf('lost');
    history.add(lost, 0);
    history.broken.set(lost, new OvirtHttpError({ status: 503, method: 'POST', path: '/jobs', detail: 'busy' }));

    // Act
    const first = await sweepExecutions(deps, sweepOptions({ discoverIn: [MACHINE] }));
    const second = await sweepExecutions(deps, sweepOptions({ discoverIn: [MACHINE] }));
    advance(MINUTE);
    const due = await sweepExecutions(deps, sweepOptions({ discoverIn: [MACHINE] }));

    // Assess
    expect(first).toMatchObject({ discovered: 1, failed: 1 });
    expect(second).toMatchObject({ discovered: 0, visited: 0 });
    expect(due).toMatchObject({ discovered: 0, visited: 1, failed: 1 });
  });

  it('discovery share: 20 % of the slots rounded up, at least one, none without an allow-list', () => {
    expect(discoverySlots({ maxExecutions: 100, discoverIn: [MACHINE], discoveryPercent: 20 })).toBe(20);
    expect(discoverySlots({ maxExecutions: 5, discoverIn: [MACHINE], discoveryPercent: 20 })).toBe(1);
    expect(discoverySlots({ maxExecutions: 7, discoverIn: [MACHINE], discoveryPercent: 20 })).toBe(2);
    expect(discoverySlots({ maxExecutions: 100, discoverIn: [], discoveryPercent: 20 })).toBe(0);
    expect(discoverySlots({ maxExecutions: 100, discoverIn: [MACHINE], discoveryPercent: 0 })).toBe(0);
  });
});
