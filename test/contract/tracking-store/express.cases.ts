/**
 * Contract of what Express executions add to the meta row: the serialized Express state a
 * round saves, and the cap window counter (admit up to the cap, then count and enter the
 * sweep index once, due when the window is over).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { LEASE_MS, newArn, NOW, progress } from './support.js';
import type { MethodCases } from './support.js';

const windowKey = (): string => `express-cap#arn:aws:states:eu-west-1:123456789012:stateMachine:notify-${randomUUID()}#${NOW}`;
const DUE = NOW + 120_000;
const EXPIRES = Math.ceil(DUE / 1000) + 86_400;

export const countExpressExecution: MethodCases = (subject) => {
  it('admits executions up to the cap, then counts the rest over the cap', async () => {
    const { store } = subject();
    const key = windowKey();

    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await store.countExpressExecution(key, 3, DUE, EXPIRES));

    expect(answers).toEqual(['mirror', 'mirror', 'mirror', 'over-cap', 'over-cap']);
    const meta = await store.acquireLease(key, 'owner-a', DUE, LEASE_MS);
    expect(meta?.notMirrored).toBe(2);
  });

  it('puts the window in the sweep index only once it has executions over the cap, due when the window is over', async () => {
    const { store } = subject();
    const key = windowKey();
    await store.countExpressExecution(key, 1, DUE, EXPIRES);
    expect((await store.listDue(100, DUE + 1)).map((entry) => entry.executionArn)).not.toContain(key);

    await store.countExpressExecution(key, 1, DUE, EXPIRES);
    await store.countExpressExecution(key, 1, DUE + 60_000, EXPIRES);

    expect((await store.listDue(100, DUE - 1)).map((entry) => entry.executionArn)).not.toContain(key);
    expect(await store.listDue(100, DUE)).toContainEqual({ executionArn: key, lastSyncedAt: DUE });
  });

  it('sets the TTL of the window row when it first counts', async () => {
    const key = windowKey();

    await subject().store.countExpressExecution(key, 1, DUE, EXPIRES);

    expect(await subject().expiryOf(key, 'meta')).toBe(EXPIRES);
  });
};

export const expressState: MethodCases = (subject) => {
  it('saves the Express state with the progress and gives it back with the lease; a save without it removes it', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.saveProgress(arn, 'owner-a', 0, progress({ expressState: '{"v":1}' }), NOW, LEASE_MS);

    const meta = await store.acquireLease(arn, 'owner-b', NOW + 1, LEASE_MS);
    expect(meta?.expressState).toBe('{"v":1}');

    await store.saveProgress(arn, 'owner-b', meta?.requests ?? 0, progress(), NOW + 2, LEASE_MS);
    expect((await store.acquireLease(arn, 'owner-c', NOW + 3, LEASE_MS))?.expressState).toBeUndefined();
  });
};

export const heldEvents: MethodCases = (subject) => {
  it('saves the records a Standard execution holds after a gap with the progress and gives them back with the lease; a save without them removes them', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.saveProgress(arn, 'owner-a', 0, progress({ heldEvents: '{"v":1,"h":[],"s":null}' }), NOW, LEASE_MS);

    const meta = await store.acquireLease(arn, 'owner-b', NOW + 1, LEASE_MS);
    expect(meta?.heldEvents).toBe('{"v":1,"h":[],"s":null}');
    expect((await store.getMeta(arn))?.heldEvents).toBe('{"v":1,"h":[],"s":null}');

    await store.saveProgress(arn, 'owner-b', meta?.requests ?? 0, progress(), NOW + 2, LEASE_MS);
    expect((await store.acquireLease(arn, 'owner-c', NOW + 3, LEASE_MS))?.heldEvents).toBeUndefined();
  });
};
