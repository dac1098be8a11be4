/**
 * The fault dimensions' plumbing, on the real parts: each must really reach the product the
 * way its name says, or the chaos runs that pass with it prove nothing. Product behaviour under
 * these faults is the chaos runs' business; these tests check the harness only.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SfnStatusChangeEvent } from '../../src/local/sfn-stub/index.js';
import { TABLE_SCHEMA } from '../../src/adapters/dynamo/rows.js';
import type { ChaosEnvironment } from '../helpers/chaos/environment.js';
import { startChaosEnvironment } from '../helpers/chaos/environment.js';
import { captureOutput } from '../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../helpers/chaos/log-capture.js';
import { createPoison, isOpen, removeRows } from '../helpers/chaos/poison.js';
import { fixtureRecordings, fixtureStateMachines, freshRecording } from '../helpers/chaos/recordings.js';
import { CHAOS_OVIRT_TIMEOUT_MS, CHAOS_SWEEP_MAX_EXECUTIONS, parseDimensions } from '../helpers/chaos/dimensions.js';

describe('chaos fault dimensions', () => {
  let env: ChaosEnvironment;
  let quiet: OutputCapture;
  let counter = 0;
  beforeAll(async () => {
    quiet = captureOutput();
    env = await startChaosEnvironment({ stateMachineArns: fixtureStateMachines() });
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

  it('--kinds and CHAOS_KINDS: all, none or names; an unknown name says what to use', () => {
    expect(parseDimensions(undefined)).toHaveLength(5);
    expect(parseDimensions('none')).toEqual([]);
    expect(parseDimensions('poison, slow-calls')).toEqual(['slow-calls', 'poison']);
    expect(() => parseDimensions('slow')).toThrow(/use all, none or a comma-separated list of slow-calls/);
  });
});
