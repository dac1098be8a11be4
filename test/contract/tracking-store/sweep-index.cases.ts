/**
 * Contract of the sweep index's failure lifecycle: a failed sync moves the execution's index key
 * to its next attempt (listDue hides it until then), only the lease holder may record that, an
 * execution with no next attempt leaves the index, and trackedAmong tells known executions from
 * the ones the sweep should discover.
 */
import { expect, it } from 'vitest';
import type { SyncFailure, TrackingStore } from '../../../src/ports.js';
import { newArn, NOW, progress } from './support.js';
import type { MethodCases } from './support.js';

const LEASE_MS = 60_000;

function failure(overrides: Partial<SyncFailure> = {}): SyncFailure {
  return { failures: 1, errorName: 'OvirtHttpError', errorMessage: 'oVirt answered 503', failedAt: NOW, nextAttemptAt: NOW + 60_000, ...overrides };
}

/** synced leaves `arn` open in the index, synced at `at`. */
async function synced(store: TrackingStore, arn: string, at: number): Promise<void> {
  const meta = await store.acquireLease(arn, 'owner-a', at, LEASE_MS);
  if (!meta) throw new Error('lease held');
  await store.saveProgress(arn, 'owner-a', meta.requests, progress({ open: true }), at, LEASE_MS);
}

/** failed runs one sync of `arn` at NOW that fails with `record`. */
async function failed(store: TrackingStore, arn: string, record: SyncFailure): Promise<boolean> {
  const meta = await store.acquireLease(arn, 'owner-b', NOW, LEASE_MS);
  if (!meta) throw new Error('lease held');
  return store.releaseAfterFailure(arn, 'owner-b', record);
}


export const listDue: MethodCases = (subject) => {
  it('a failed sync moves the key to the next attempt: not due before it, due from it, and the holder reads the failure back', async () => {
    // Prepare
    const { store } = subject();
    const [flaky, healthy] = [newArn('flaky'), newArn('healthy')];
    await synced(store, flaky, NOW - 10_000);
    await synced(store, healthy, NOW - 5_000);

    // Act
    const recorded = await failed(store, flaky, failure());
    const dueNow = await store.listDue(10, NOW);
    const dueLater = await store.listDue(10, NOW + 60_000);
    const all = await store.listOpen(10);
    const meta = await store.acquireLease(flaky, 'owner-c', NOW + 60_000, LEASE_MS);

    // Assess
    expect(recorded).toBe(true);
    expect(dueNow.map((entry) => entry.executionArn)).toEqual([healthy]);
    expect(dueLater.map((entry) => entry.executionArn)).toEqual([healthy, flaky]);
    expect(all).toEqual([
      { executionArn: healthy, lastSyncedAt: NOW - 5_000 },
      { executionArn: flaky, lastSyncedAt: NOW + 60_000 },
    ]);
    expect(meta?.failure).toEqual(failure());
    expect(meta?.leaseOwner).toBe('owner-c');
  });
};

export const releaseAfterFailure: MethodCases = (subject) => {
  it('only the lease holder records a failure', async () => {
    // Prepare
    const { store } = subject();
    const arn = newArn();
    await synced(store, arn, NOW - 10_000);
    await store.acquireLease(arn, 'holder', NOW, LEASE_MS);

    // Act
    const recorded = await store.releaseAfterFailure(arn, 'not-the-holder', failure());
    const due = await store.listDue(10, NOW);
    const again = await store.acquireLease(arn, 'holder', NOW, LEASE_MS);

    // Assess
    expect(recorded).toBe(false);
    expect(due.map((entry) => entry.executionArn)).toEqual([arn]);
    expect(again?.failure).toBeUndefined();
  });

  it('an execution with no next attempt (gone from Step Functions) leaves the index', async () => {
    // Prepare
    const { store } = subject();
    const arn = newArn();
    await synced(store, arn, NOW - 10_000);

    // Act
    await failed(store, arn, failure({ errorName: 'TerminalReconcileError', nextAttemptAt: null }));
    const listed = await store.listOpen(10);
    const meta = await store.acquireLease(arn, 'owner-c', NOW, LEASE_MS);

    // Assess
    expect(listed).toEqual([]);
    expect(meta?.open).toBe(false);
    expect(meta?.failure).toMatchObject({ errorName: 'TerminalReconcileError', nextAttemptAt: null });
  });

  it('a failed first sync puts the execution in the index; a save between pages keeps the failure, a releasing save clears it', async () => {
    // Prepare
    const { store } = subject();
    const arn = newArn();

    // Act
    await failed(store, arn, failure({ failures: 3, nextAttemptAt: NOW + 240_000 }));
    const afterFailure = await store.listDue(10, NOW + 240_000);
    const meta = await store.acquireLease(arn, 'owner-c', NOW + 240_000, LEASE_MS);
    await store.saveProgress(arn, 'owner-c', null, progress(), NOW + 241_000, LEASE_MS);
    const betweenPages = await store.acquireLease(arn, 'owner-c', NOW + 241_000, LEASE_MS);
    await store.saveProgress(arn, 'owner-c', meta?.requests ?? 0, progress(), NOW + 242_000, LEASE_MS);
    const released = await store.acquireLease(arn, 'owner-d', NOW + 242_000, LEASE_MS);

    // Assess
    expect(afterFailure.map((entry) => entry.executionArn)).toEqual([arn]);
    expect(meta?.failure?.failures).toBe(3);
    expect(betweenPages?.failure).toMatchObject({ failures: 3, nextAttemptAt: NOW + 241_000 });
    expect(released?.failure).toBeUndefined();
    expect(released?.lastSyncedAt).toBe(NOW + 242_000);
  });
};

export const trackedAmong: MethodCases = (subject) => {
  it('trackedAmong tells the executions with a meta row from the others, over more than one batch', async () => {
    // Prepare
    const { store } = subject();
    const known = Array.from({ length: 3 }, () => newArn('known'));
    for (const arn of known) await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    const unknown = Array.from({ length: 230 }, () => newArn('unknown'));
    await store.claim({ executionArn: unknown[0] ?? '', key: 'job#0', state: 'PENDING', leaseOwner: 'o', leaseExpiresAt: NOW }, NOW);

    // Act
    const tracked = await store.trackedAmong([...unknown.slice(0, 120), ...known, known[0] ?? '', ...unknown.slice(120)]);

    // Assess: an object row alone is not a meta row.
    expect([...tracked].sort()).toEqual([...known].sort());
  });
};
