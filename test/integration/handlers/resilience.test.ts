/**
 * The real handlers against the local parts under the faults issue 3 names: a caught failure
 * while the execution runs, a crash between the oVirt add and the table write, concurrent
 * invocations, lost events, and an unreadable checkpoint.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { renderExternalJobs } from '../../helpers/ovirt-tree.js';
import { EXPECTED_TREES } from './expected-trees.js';
import { Clock, crashOnce, fixture, revealAll, revealTo } from './support.js';

const SM = 'arn:aws:states:eu-west-1:482913557106:stateMachine:cache-refresh';
const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:cache-refresh:refresh-0001';
const at = (s: number) => new Date(Date.parse('2025-03-14T10:00:00Z') + s * 1000).toISOString();

/** A Task that fails, is caught, and the execution goes on to succeed. */
const CAUGHT_THEN_SUCCEEDS = {
  description: { executionArn: ARN, stateMachineArn: SM, name: 'refresh-0001', startDate: at(0) },
  events: [
    { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: at(0), executionStartedEventDetails: { input: '{}' } },
    { id: 2, previousEventId: 0, type: 'TaskStateEntered', timestamp: at(1), stateEnteredEventDetails: { name: 'FetchUpstream' } },
    { id: 3, previousEventId: 2, type: 'TaskScheduled', timestamp: at(2), taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'eu-west-1', parameters: '{}' } },
    { id: 4, previousEventId: 3, type: 'TaskStarted', timestamp: at(3), taskStartedEventDetails: { resourceType: 'lambda', resource: 'invoke' } },
    { id: 5, previousEventId: 4, type: 'TaskFailed', timestamp: at(4), taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: 'UpstreamDown', cause: 'upstream answered 503' } },
    { id: 6, previousEventId: 5, type: 'TaskStateExited', timestamp: at(5), stateExitedEventDetails: { name: 'FetchUpstream', output: '{}' } },
    { id: 7, previousEventId: 6, type: 'WaitStateEntered', timestamp: at(6), stateEnteredEventDetails: { name: 'CoolDown' } },
    { id: 8, previousEventId: 7, type: 'WaitStateExited', timestamp: at(16), stateExitedEventDetails: { name: 'CoolDown', output: '{}' } },
    { id: 9, previousEventId: 8, type: 'ExecutionSucceeded', timestamp: at(17), executionSucceededEventDetails: { output: '{}' } },
  ],
};

describe('handlers under faults', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
    parts = undefined;
  });

  it('a caught failure leaves the job running and visible, then the job ends finished', async () => {
    // Prepare
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    parts.sfn.addExecution(CAUGHT_THEN_SUCCEEDS, { revealed: 0 });
    const [running] = revealTo(parts.sfn, ARN, 7);

    // Act
    await parts.onEvent(running);
    const whileRunning = renderExternalJobs(parts.engine);
    const [succeeded] = revealTo(parts.sfn, ARN, 'all');
    await parts.onEvent(succeeded);

    // Assess
    expect(whileRunning).toEqual([
      [
        '[started] cache-refresh › refresh-0001',
        '  [finished] FetchUpstream',
        '    [finished] Caught UpstreamDown: upstream answered 503',
        '  [started] CoolDown',
      ],
    ]);
    expect(renderExternalJobs(parts.engine)).toEqual([
      [
        '[finished] cache-refresh › refresh-0001',
        '  [finished] FetchUpstream',
        '    [finished] Caught UpstreamDown: upstream answered 503',
        '  [finished] CoolDown',
      ],
    ]);
  });

  it('connection resets after the engine applied adds leave no duplicate (found again by correlation id / description)', async () => {
    // Prepare
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const events = revealAll(parts.sfn, fixture('c'));
    parts.engine.faults.add({ kind: 'reset-after-apply', times: 1, match: { route: 'POST /jobs' } });
    parts.engine.faults.add({ kind: 'reset-after-apply', times: 3, match: { route: 'POST /jobs/{id}/steps' } });

    // Act
    for (const event of events) await parts.onEvent(event);

    // Assess
    expect(parts.engine.faults.injected()['reset-after-apply']).toBe(4);
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.c);
  });

  it('a crash between the oVirt add and the table write is resolved by the next invocation without a duplicate', async () => {
    // Prepare: the first invocation dies right after oVirt created the job (before markCreated).
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now }, wrapStore: crashOnce });
    const events = revealAll(parts.sfn, fixture('a'));

    // Act
    await expect(parts.onEvent(events[1])).rejects.toThrow('simulated crash');
    const afterCrash = parts.engine.state.jobs().filter((job) => job.external).length;
    await parts.onEvent(events[1]);
    const tooEarly = renderExternalJobs(parts.engine).length;
    clock.advance(parts.config.leaseSeconds * 1000 + 1);
    await parts.onEvent(events[1]);

    // Assess
    expect(afterCrash).toBe(1);
    expect(tooEarly).toBe(1);
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.a);
  });

  it('eight concurrent invocations on one execution create everything exactly once', async () => {
    // Prepare
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const events = revealAll(parts.sfn, fixture('d'));
    const local = parts;

    // Act
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => local.onEvent(events[i % events.length])));
    for (let round = 0; round < 3 && renderExternalJobs(local.engine)[0]?.[0]?.startsWith('[started]') !== false; round += 1) {
      await local.onEvent(events[1]);
    }

    // Assess
    expect(outcomes.filter((o) => o.kind === 'pending').length).toBeGreaterThan(0);
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.d);
  });

  it('lost events: the sweep discovers a running execution of an allow-listed machine and later ends its job', async () => {
    // Prepare
    const clock = new Clock();
    const machine = fixture('a').description.stateMachineArn;
    parts = await startLocalParts({ overrides: { now: clock.now }, env: { STATE_MACHINE_ARNS: machine } });
    const rec = fixture('a');
    parts.sfn.addExecution(rec, { revealed: 0 });
    revealTo(parts.sfn, rec.description.executionArn, 8);

    // Act
    const first = await parts.sweep();
    const whileRunning = renderExternalJobs(parts.engine)[0]?.[0];
    revealTo(parts.sfn, rec.description.executionArn, 'all');
    const second = await parts.sweep();

    // Assess
    expect(first).toMatchObject({ visited: 1, pending: 1 });
    expect(whileRunning).toBe('[started] build-and-deploy › checkout-api-main-3f9d2ab');
    expect(second).toMatchObject({ visited: 1, converged: 1 });
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.a);
  });
});

describe('a job oVirt cleaned up while the execution was still tracked', () => {
  it('is marked GONE and never recreated', async () => {
    // Prepare: sync the first half of fixture a, then the engine restarts (the job becomes
    // unknown) and, being auto-cleared, is deleted by cleanup an hour later.
    const clock = new Clock();
    const engineClock = { at: Date.now(), now() { return this.at; } };
    const parts = await startLocalParts({ overrides: { now: clock.now }, engine: { clock: engineClock } });
    try {
      const rec = fixture('a');
      parts.sfn.addExecution(rec, { revealed: 0 });
      const [running] = revealTo(parts.sfn, rec.description.executionArn, 8);
      await parts.onEvent(running);
      parts.engine.restart();
      engineClock.at += 61 * 60_000;
      parts.engine.runCleanupNow();
      const [succeeded] = revealTo(parts.sfn, rec.description.executionArn, 'all');

      // Act
      const outcome = await parts.onEvent(succeeded);
      await parts.onEvent(succeeded);

      // Assess
      expect(outcome).toMatchObject({ kind: 'converged' });
      expect(parts.engine.state.jobs().filter((job) => job.external)).toEqual([]);
      expect(parts.engine.stats().byRoute['POST /jobs']).toBe(1);
      const rows = await parts.runtime.store.getRecords(rec.description.executionArn, ['job#0']);
      expect(rows.get('job#0')?.state).toBe('GONE');
    } finally {
      await parts.stop();
    }
  });
});
