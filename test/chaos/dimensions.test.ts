/**
 * The fault dimensions' plumbing, on the real parts: each must really reach the product the
 * way its name says, or the chaos runs that pass with it prove nothing. Product behaviour under
 * these faults is the chaos runs' business; these tests check the harness only.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SfnStatusChangeEvent } from '../../src/local/sfn-stub/index.js';
import { TABLE_SCHEMA } from '../../src/adapters/dynamo/rows.js';
import type { ChaosEnvironment } from '../helpers/chaos/environment.js';
import { startChaosEnvironment } from '../helpers/chaos/environment.js';
import { captureOutput } from '../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../helpers/chaos/log-capture.js';
import { createPoison, isOpen, removeRows } from '../helpers/chaos/poison.js';
import { chaosStateMachines, fixtureRecordings, freshRecording } from '../helpers/chaos/recordings.js';
import { CHAOS_OVIRT_TIMEOUT_MS, CHAOS_SWEEP_MAX_EXECUTIONS, FAULT_DIMENSIONS, parseDimensions } from '../helpers/chaos/dimensions.js';
import { LogInbox } from '../helpers/chaos/log-inbox.js';
import { scheduleArb } from '../helpers/chaos/arbitraries.js';
import { emptyFigures, mergeFigures } from '../helpers/chaos/figures.js';
import { runSchedule } from '../helpers/chaos/run-schedule.js';
import type { LogBatchReport } from '../../src/reconcile/apply-log-batch.js';

describe('chaos fault dimensions', () => {
  let env: ChaosEnvironment;
  let quiet: OutputCapture;
  let counter = 0;
  beforeAll(async () => {
    quiet = captureOutput();
    env = await startChaosEnvironment({ stateMachineArns: chaosStateMachines() });
  });
  afterAll(async () => {
    await env?.stop();
    quiet?.restore();
  });

  /** runningEvent adds a fresh copy of fixture a, reveals its start and returns the RUNNING event. */
  const runningEvent = (): SfnStatusChangeEvent => {
    const template = fixtureRecordings().get('a');
    if (template === undefined) throw new Error('no fixture a');
    counter += 1;
    const recording = freshRecording(template, `dim-${counter}`, env.clock.now());
    env.sfn.addExecution(recording, { revealed: 0 });
    const events: SfnStatusChangeEvent[] = [];
    const stop = env.sfn.onStatusChange((event) => void events.push(event));
    env.sfn.reveal(recording.description.executionArn, recording.events[2]?.id ?? 3);
    stop();
    const [running] = events;
    if (running === undefined) throw new Error('no RUNNING event');
    return running;
  };

  const leaseExpiresAt = async (arn: string): Promise<number> => {
    const out = await env.table.client.send(
      new GetItemCommand({ TableName: env.table.tableName, Key: { [TABLE_SCHEMA.partitionKey]: { S: arn }, [TABLE_SCHEMA.sortKey]: { S: 'meta' } }, ConsistentRead: true }),
    );
    return Number(out.Item?.['leaseExpiresAt']?.N);
  };

  it('clock-skew: the product reads the invocation clock, so a lease it takes expires at that clock plus LEASE_SECONDS', async () => {
    // Prepare
    const event = runningEvent();
    const skewMs = 150_000;

    // Act
    const result = await env.deliver(event, { atCall: 1, mode: 'after' }, undefined, { skewMs });

    // Assess
    expect(result.kind).toBe('crashed');
    expect(await leaseExpiresAt(event.detail.executionArn)).toBe(env.clock.now() + skewMs + env.config.leaseSeconds * 1000);
  });

  it('slow-calls: a call slower than OVIRT_TIMEOUT_MS ends at the timeout, as the client gives up; the invocation lives on', async () => {
    // Prepare
    const event = runningEvent();
    const before = env.clock.now();

    // Act
    const result = await env.deliver(event, undefined, undefined, { slow: { atOvirtCall: 1, ms: 150_000, phase: 'after' } });

    // Assess: only the timeout passed, not the 150 s the engine took to answer.
    expect(result.invocation.slowCallPlayed).toBe(true);
    expect(result.invocation.timedOut).toBe(false);
    expect(env.clock.now() - before).toBe(CHAOS_OVIRT_TIMEOUT_MS);
  });

  it('slow-calls: a call just under OVIRT_TIMEOUT_MS succeeds after that long', async () => {
    // Prepare
    const before = env.clock.now();
    runningEvent(); // a RUNNING execution for the sweep to discover and sync

    // Act
    const result = await env.sweep(undefined, undefined, { slow: { atOvirtCall: 1, ms: CHAOS_OVIRT_TIMEOUT_MS - 100, phase: 'before' } });

    // Assess
    expect(result.invocation.slowCallPlayed).toBe(true);
    expect(result.invocation.timedOut).toBe(false);
    expect(result.kind).toBe('ok');
    expect(env.clock.now() - before).toBe(CHAOS_OVIRT_TIMEOUT_MS - 100);
  });

  it('poison: poison executions head the sweep order, fill a whole sweep, and are removed afterwards', async () => {
    // Prepare
    env.clock.advance(env.config.leaseSeconds * 1000 + 1000);
    const poison = await createPoison(env, 'dim', CHAOS_SWEEP_MAX_EXECUTIONS);

    // Act
    const head = (await env.table.store.listOpen(CHAOS_SWEEP_MAX_EXECUTIONS)).map((open) => open.executionArn);
    await removeRows(env, poison);

    // Assess
    expect(head).toEqual(poison);
    expect(env.config.sweepMaxExecutions).toBe(CHAOS_SWEEP_MAX_EXECUTIONS);
    for (const arn of poison) expect(await isOpen(env, arn)).toBe(false);
  });

  it('non-admin: the switch makes the oVirt client log in as the engine user without administrator rights', async () => {
    // Prepare
    const event = runningEvent();
    env.useEngineUser('non-admin');
    env.engine.resetStats();

    // Act
    const result = await env.deliver(event);
    env.useEngineUser('admin');

    // Assess: the engine refused that user's job search (400), and the product said so.
    expect(env.engine.stats().byStatus['400'] ?? 0).toBeGreaterThan(0);
    expect(result.kind === 'failed' && result.error.name).toBe('OvirtPermissionError');
  });

  /** loggedExecution adds a fresh copy of fixture a whose log records a LogInbox with `plan` collects. */
  const loggedExecution = (plan: ConstructorParameters<typeof LogInbox>[2]) => {
    const template = fixtureRecordings().get('a');
    if (template === undefined) throw new Error('no fixture a');
    counter += 1;
    const recording = freshRecording(template, `dim-${counter}`, env.clock.now());
    const arn = recording.description.executionArn;
    env.sfn.addExecution(recording, { revealed: 0 });
    const inbox = new LogInbox(env.sfn, new Set([arn]), plan);
    const revealTo = (count: number) => env.sfn.reveal(arn, recording.events[count - 1]?.id ?? count);
    return { recording, arn, inbox, revealTo };
  };

  const report = (result: Awaited<ReturnType<ChaosEnvironment['deliverLogs']>>): LogBatchReport => {
    if (result.kind !== 'ok' || !('historyReadsSaved' in result.value)) throw new Error(`the log delivery did not succeed: ${result.kind}`);
    return result.value;
  };

  it('log-batches: the records of one reveal in one stream reach onExecutionLogs and continue the cursor: no history read', async () => {
    // Prepare: the first 3 events synced through the push path (a first sync reads history)
    const { arn, inbox, revealTo } = loggedExecution({ streams: [0], copies: [1], revealsPerBatch: 1 });
    revealTo(3);
    for (const { delivery } of inbox.flush()) report(await env.deliverLogs(delivery.payload));
    revealTo(8);
    const [next, ...others] = inbox.flush();
    env.sfn.resetStats();

    // Act
    const result = report(await env.deliverLogs(next?.delivery.payload));
    inbox.close();

    // Assess
    expect(others).toEqual([]);
    expect(next?.delivery).toMatchObject({ executionArns: [arn], records: 5 });
    expect(result.historyReadsSaved).toBe(1);
    expect(env.sfn.stats().calls['GetExecutionHistory'] ?? 0).toBe(0);
  });

  it('log-batches: records spread over two streams make two deliveries with a gap each; a crash plan reaches the budget call', async () => {
    // Prepare: two executions played alike, the first to find where the budget call comes
    const plan = { streams: [0, 1], copies: [0, 2], revealsPerBatch: 2 };
    const played = [loggedExecution(plan), loggedExecution(plan)].map(({ inbox, revealTo }) => {
      revealTo(2);
      const none = inbox.revealed();
      revealTo(6);
      const draws = inbox.revealed();
      inbox.close();
      return { none, draws };
    });
    const [learn, crash] = played.map(({ draws }) => draws[0]?.delivery.payload);

    // Act: the first delivery of each holds the records after its gap; delivered again once the
    // gap has waited PUSH_GAP_WAIT_SECONDS, it repairs the gap from history.
    await env.deliverLogs(learn);
    await env.deliverLogs(crash);
    env.clock.advance(env.config.pushGapWaitSeconds * 1000);
    const answered = await env.deliverLogs(learn);
    const atBudget = answered.invocation.callNames.indexOf('budget.take') + 1;
    const crashed = await env.deliverLogs(crash, { atCall: atBudget, mode: 'before' });

    // Assess: the second reveal flushed both reveals' records, alternately split, copies drawn per delivery.
    for (const { none, draws } of played) {
      expect(none).toEqual([]);
      expect(draws.map((draw) => [draw.delivery.records, draw.copies])).toEqual([
        [3, 0],
        [3, 2],
      ]);
    }
    // The history read of a gap held past its wait takes from the budget first: a port call a crash plan can hit.
    expect(atBudget).toBeGreaterThan(0);
    expect(crashed.kind).toBe('crashed');
    expect(crashed.invocation.callNames.at(-1)).toBe('budget.take');
  });

  it('--kinds and CHAOS_KINDS: all, none or names; an unknown name says what to use', () => {
    expect(parseDimensions(undefined)).toEqual(FAULT_DIMENSIONS);
    expect(parseDimensions('log-batches')).toEqual(['log-batches']);
    expect(parseDimensions('none')).toEqual([]);
    expect(parseDimensions('poison, slow-calls')).toEqual(['slow-calls', 'poison']);
    expect(() => parseDimensions('slow')).toThrow(/use all, none or a comma-separated list of slow-calls/);
  });
});

// Whole schedules need an environment of their own: the executions the tests above leave
// running would keep every sweep from reporting convergence.
describe('chaos fault dimension log-batches, whole schedules', () => {
  let env: ChaosEnvironment;
  let quiet: OutputCapture;
  beforeAll(async () => {
    quiet = captureOutput();
    env = await startChaosEnvironment({ stateMachineArns: chaosStateMachines() });
  });
  afterAll(async () => {
    await env?.stop();
    quiet?.restore();
  });

  it('log-batches: schedules deliver log batches through onExecutionLogs, whose pushed records save history reads, every invariant held', async () => {
    // Prepare: schedules of a pinned seed that drew the dimension (about half of them do)
    const schedules = fc.sample(scheduleArb(24, ['log-batches']), { seed: 20261204, numRuns: 16 }).filter((schedule) => schedule.dimensions?.logBatches !== undefined);
    const figures = emptyFigures();
    const violations: string[] = [];

    // Act
    for (const [i, schedule] of schedules.entries()) {
      const outcome = await runSchedule(env, schedule, `logs-${i}`);
      mergeFigures(figures, outcome.figures);
      violations.push(...outcome.violations.map((v) => `schedule ${i}: ${v.kind} ${v.executionArn}: ${v.detail}`));
    }

    // Assess
    expect(violations).toEqual([]);
    expect(schedules.length).toBeGreaterThanOrEqual(4);
    expect(figures.logDeliveries).toBeGreaterThan(0);
    expect(figures.logInvocations).toBeGreaterThan(0);
    expect(figures.historyReadsSaved).toBeGreaterThan(0);
  }, 120_000);
});
