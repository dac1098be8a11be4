/**
 * Contract of the whole-execution operations: the sweep's list of open executions and the
 * expiry of finished ones.
 */
import { expect, it } from 'vitest';
import type { TrackingStore } from '../../../src/ports.js';
import { LEASE_MS, newArn, NOW, pending, progress } from './support.js';
import type { MethodCases } from './support.js';

/** synced makes an execution whose last save was at `at`, open or not. */
async function synced(store: TrackingStore, at: number, open: boolean): Promise<string> {
  const arn = newArn();
  await store.acquireLease(arn, 'owner-a', at, LEASE_MS);
  await store.saveProgress(arn, 'owner-a', 0, progress({ open }), at, LEASE_MS);
  return arn;
}

export const listOpen: MethodCases = (subject) => {
  it('lists open executions least recently synced first, at most `limit`, and no closed one', async () => {
    const { store } = subject();
    const later = await synced(store, NOW + 30, true);
    await synced(store, NOW + 5, false);
    const earliest = await synced(store, NOW + 10, true);
    const middle = await synced(store, NOW + 20, true);

    expect(await store.listOpen(2)).toEqual([
      { executionArn: earliest, lastSyncedAt: NOW + 10 },
      { executionArn: middle, lastSyncedAt: NOW + 20 },
    ]);
    expect((await store.listOpen(10)).map((open) => open.executionArn)).toEqual([earliest, middle, later]);
  });

  it('is empty when nothing is open', async () => {
    expect(await subject().store.listOpen(10)).toEqual([]);
  });
};

export const expireExecution: MethodCases = (subject) => {
  it('sets the expiry on the meta row and every object row of the execution, and on no other', async () => {
    const { store } = subject();
    const expiryOf = (executionArn: string, key: string) => subject().expiryOf(executionArn, key);
    const arn = newArn();
    const other = await synced(store, NOW, true);
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.claim(pending(arn, 'job#0', 'owner-a'), NOW);
    await store.claim(pending(arn, 'step#0#v4', 'owner-a'), NOW);

    await store.expireExecution(arn, 1_702_592_000);

    expect(await expiryOf(arn, 'meta')).toBe(1_702_592_000);
    expect(await expiryOf(arn, 'job#0')).toBe(1_702_592_000);
    expect(await expiryOf(arn, 'step#0#v4')).toBe(1_702_592_000);
    expect(await expiryOf(other, 'meta')).toBeUndefined();
  });

  it('reaches every row of an execution larger than one page of keys (101 object rows, pages of 100)', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    const keys = Array.from({ length: 101 }, (_, index) => `step#0#v${String(index).padStart(3, '0')}`);
    for (const key of keys) await store.claim(pending(arn, key, 'owner-a'), NOW);

    await store.expireExecution(arn, 1_702_592_000);

    const expiries = await Promise.all(keys.map((key) => subject().expiryOf(arn, key)));
    expect(expiries.filter((expiry) => expiry === 1_702_592_000)).toHaveLength(keys.length);
    expect((await store.listRecords(arn)).map((row) => row.key)).toEqual(keys);
  });

  it('creates no row for an execution it does not know', async () => {
    const { store } = subject();
    const arn = newArn();

    await store.expireExecution(arn, 1_702_592_000);

    expect(await store.getRecords(arn, ['job#0'])).toEqual(new Map());
    expect(await store.listOpen(10)).toEqual([]);
  });
};
