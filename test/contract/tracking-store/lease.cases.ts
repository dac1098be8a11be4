/**
 * Contract of the meta row: the single-writer lease, the request count that makes a holder go
 * round again, progress saves, and the sweep index entries these writes make.
 */
import { expect, it } from 'vitest';
import { isTrackingStoreError } from '../../../src/errors.js';
import { MAX_CHECKPOINT_BYTES } from '../../../src/adapters/dynamo/progress-writes.js';
import type { TrackingStore } from '../../../src/ports.js';
import { LEASE_MS, newArn, NOW, progress, rejectionOf } from './support.js';
import type { MethodCases } from './support.js';

/**
 * isFree tells whether another owner could take the lease at `now`. The probe gives a lease it
 * got back at once; a refused probe is counted as a request, like any other.
 */
async function isFree(store: TrackingStore, arn: string, now: number): Promise<boolean> {
  const probe = `probe-${now}`;
  const meta = await store.acquireLease(arn, probe, now, LEASE_MS);
  if (meta !== null) await store.releaseLease(arn, probe);
  return meta !== null;
}

export const acquireLease: MethodCases = (subject) => {
  it('creates the meta row on first sight and gives the lease to the caller', async () => {
    const arn = newArn();

    const meta = await subject().store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    expect(meta).toMatchObject({ executionArn: arn, cursor: 0, redriveCount: 0, requests: 0, open: false, leaseOwner: 'owner-a', leaseExpiresAt: NOW + LEASE_MS });
    expect(meta?.checkpoint).toBeUndefined();
    expect(meta?.lastSyncedAt).toBeUndefined();
  });

  it('renews the lease when its owner acquires it again', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    const again = await store.acquireLease(arn, 'owner-a', NOW + 1_000, LEASE_MS);

    expect(again).toMatchObject({ leaseOwner: 'owner-a', leaseExpiresAt: NOW + 1_000 + LEASE_MS, requests: 0 });
  });

  it("counts the request and resolves to null while another owner's lease is live", async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    const refused = await store.acquireLease(arn, 'owner-b', NOW + LEASE_MS - 1, LEASE_MS);

    expect(refused).toBeNull();
    // The holder sees the count when it tries to release.
    expect(await store.saveProgress(arn, 'owner-a', 0, progress(), NOW + 10, LEASE_MS)).toEqual({ kind: 'requested-again', requests: 1 });
  });

  it('issue 10 §2: a counted request puts the execution in the sweep index, so it is served if the holder died', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    await store.acquireLease(arn, 'owner-b', NOW + 5, LEASE_MS);

    expect(await store.listOpen(10)).toEqual([{ executionArn: arn, lastSyncedAt: NOW + 5 }]);
    const afterLapse = await store.acquireLease(arn, 'owner-c', NOW + LEASE_MS, LEASE_MS);
    expect(afterLapse).toMatchObject({ open: true, requests: 1, lastSyncedAt: NOW + 5 });
  });

  it('a counted request keeps the time of the last sync, so the sweep order stays fair', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.saveProgress(arn, 'owner-a', null, progress({ open: false }), NOW + 1, LEASE_MS);

    await store.acquireLease(arn, 'owner-b', NOW + 2, LEASE_MS);

    expect(await store.listOpen(10)).toEqual([{ executionArn: arn, lastSyncedAt: NOW + 1 }]);
  });

  it('takes over a lapsed lease (expiry at or before now), keeping the progress and the request count', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.saveProgress(arn, 'owner-a', null, progress({ cursor: 40 }), NOW, LEASE_MS);
    await store.acquireLease(arn, 'owner-b', NOW + 1, LEASE_MS);

    const taken = await store.acquireLease(arn, 'owner-b', NOW + LEASE_MS, LEASE_MS);

    expect(taken).toMatchObject({ leaseOwner: 'owner-b', leaseExpiresAt: NOW + 2 * LEASE_MS, cursor: 40, requests: 1, status: 'RUNNING' });
  });
};

export const saveProgress: MethodCases = (subject) => {
  it('writes the progress and releases the lease when no request came since `seenRequests`', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    const saved = progress({ cursor: 30, historyToken: 'page-2', redriveCount: 1, status: 'SUCCEEDED', open: false });

    const result = await store.saveProgress(arn, 'owner-a', 0, saved, NOW + 100, LEASE_MS);

    expect(result).toEqual({ kind: 'released' });
    const next = await store.acquireLease(arn, 'owner-b', NOW + 101, LEASE_MS);
    expect(next).toMatchObject({ ...saved, executionArn: arn, requests: 0, lastSyncedAt: NOW + 100, leaseOwner: 'owner-b' });
  });

  it('keeps and renews the lease and reports the count when a request came meanwhile', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.acquireLease(arn, 'owner-b', NOW + 1, LEASE_MS);
    await store.acquireLease(arn, 'owner-c', NOW + 2, LEASE_MS);

    const result = await store.saveProgress(arn, 'owner-a', 0, progress({ cursor: 7 }), NOW + 1_000, LEASE_MS);

    expect(result).toEqual({ kind: 'requested-again', requests: 2 });
    expect(await isFree(store, arn, NOW + 1_000 + LEASE_MS - 1)).toBe(false);
    // The probe above was refused and counted too: three requests seen, the holder may release.
    expect(await store.saveProgress(arn, 'owner-a', 3, progress({ cursor: 8 }), NOW + 2_000, LEASE_MS)).toEqual({ kind: 'released' });
  });

  it('with `seenRequests` null keeps and renews the lease without trying to release it', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    const result = await store.saveProgress(arn, 'owner-a', null, progress({ cursor: 5, historyToken: 'page-2' }), NOW + 500, LEASE_MS);

    expect(result).toEqual({ kind: 'requested-again', requests: 0 });
    expect(await isFree(store, arn, NOW + 500 + LEASE_MS - 1)).toBe(false);
    expect(await store.acquireLease(arn, 'owner-a', NOW + 600, LEASE_MS)).toMatchObject({ cursor: 5, historyToken: 'page-2' });
  });

  it('answers lease-lost and writes nothing when the caller does not hold the lease', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.acquireLease(arn, 'owner-b', NOW + LEASE_MS, LEASE_MS);

    const result = await store.saveProgress(arn, 'owner-a', 0, progress({ cursor: 99 }), NOW + LEASE_MS + 1, LEASE_MS);

    expect(result).toEqual({ kind: 'lease-lost' });
    expect(await store.acquireLease(arn, 'owner-b', NOW + LEASE_MS + 2, LEASE_MS)).toMatchObject({ cursor: 0 });
  });

  it('answers lease-lost for an execution it never saw', async () => {
    expect(await subject().store.saveProgress(newArn(), 'owner-a', 0, progress(), NOW, LEASE_MS)).toEqual({ kind: 'lease-lost' });
  });

  it('removes the checkpoint and the history token when the progress has none', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.saveProgress(arn, 'owner-a', null, progress({ historyToken: 'page-2' }), NOW, LEASE_MS);

    await store.saveProgress(arn, 'owner-a', null, progress({ checkpoint: undefined, historyToken: undefined }), NOW + 1, LEASE_MS);

    const meta = await store.acquireLease(arn, 'owner-a', NOW + 2, LEASE_MS);
    expect(meta?.checkpoint).toBeUndefined();
    expect(meta?.historyToken).toBeUndefined();
  });

  it('puts the execution in the sweep index while open, at the time of the save, and takes it out once closed', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    await store.saveProgress(arn, 'owner-a', null, progress({ open: true }), NOW + 10, LEASE_MS);
    const whileOpen = await store.listOpen(10);
    await store.saveProgress(arn, 'owner-a', 0, progress({ open: false }), NOW + 20, LEASE_MS);

    expect(whileOpen).toEqual([{ executionArn: arn, lastSyncedAt: NOW + 10 }]);
    expect(await store.listOpen(10)).toEqual([]);
  });

  it('refuses a checkpoint the meta row cannot hold, as a non-retryable TrackingStoreError, and writes nothing', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    const error = await rejectionOf(
      store.saveProgress(arn, 'owner-a', 0, progress({ cursor: 50, checkpoint: 'x'.repeat(MAX_CHECKPOINT_BYTES + 1) }), NOW + 1, LEASE_MS),
    );

    expect(isTrackingStoreError(error) && !error.retryable).toBe(true);
    expect(await store.acquireLease(arn, 'owner-a', NOW + 2, LEASE_MS)).toMatchObject({ cursor: 0 });
  });
};

export const markOpen: MethodCases = (subject) => {
  it('puts the execution in the sweep index for the lease holder, stamped now when it was never synced', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    expect(await store.markOpen(arn, 'owner-a', NOW + 3)).toBe(true);

    expect(await store.listOpen(10)).toEqual([{ executionArn: arn, lastSyncedAt: NOW + 3 }]);
    expect(await store.acquireLease(arn, 'owner-a', NOW + 4, LEASE_MS)).toMatchObject({ open: true });
  });

  it('keeps the time of the last sync', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.saveProgress(arn, 'owner-a', null, progress({ open: false }), NOW + 1, LEASE_MS);

    await store.markOpen(arn, 'owner-a', NOW + 9);

    expect(await store.listOpen(10)).toEqual([{ executionArn: arn, lastSyncedAt: NOW + 1 }]);
  });

  it('resolves false and changes nothing when the caller lost the lease', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.acquireLease(arn, 'owner-b', NOW + LEASE_MS, LEASE_MS);

    expect(await store.markOpen(arn, 'owner-a', NOW + LEASE_MS + 1)).toBe(false);
    expect(await store.markOpen(newArn(), 'owner-a', NOW)).toBe(false);
    expect(await store.listOpen(10)).toEqual([]);
  });
};

export const releaseLease: MethodCases = (subject) => {
  it('frees the lease of its owner without writing progress', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    await store.releaseLease(arn, 'owner-a');

    expect(await store.acquireLease(arn, 'owner-b', NOW + 1, LEASE_MS)).toMatchObject({ leaseOwner: 'owner-b', cursor: 0, requests: 0 });
  });

  it("leaves someone else's lease alone", async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    await store.releaseLease(arn, 'owner-b');
    await store.releaseLease(newArn(), 'owner-b');

    expect(await store.acquireLease(arn, 'owner-b', NOW + 1, LEASE_MS)).toBeNull();
  });
};

export const tryAcquireLease: MethodCases = (subject) => {
  it('takes a free lease (creating the meta row on first sight) like acquireLease', async () => {
    const arn = newArn();

    const meta = await subject().store.tryAcquireLease(arn, 'owner-a', NOW, LEASE_MS);

    expect(meta).toMatchObject({ executionArn: arn, cursor: 0, requests: 0, leaseOwner: 'owner-a', leaseExpiresAt: NOW + LEASE_MS });
  });

  it('writes nothing while another owner holds the lease: no request counted, not put in the sweep index', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    const refused = await store.tryAcquireLease(arn, 'owner-b', NOW + 1, LEASE_MS);
    const saved = await store.saveProgress(arn, 'owner-a', 0, progress({ open: false }), NOW + 2, LEASE_MS);

    expect(refused).toBeNull();
    expect(saved).toEqual({ kind: 'released' });
    expect((await store.getMeta(arn))?.open).toBe(false);
  });

  it('takes the lease once it lapsed', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    expect(await store.tryAcquireLease(arn, 'owner-b', NOW + LEASE_MS, LEASE_MS)).toMatchObject({ leaseOwner: 'owner-b' });
  });
};
