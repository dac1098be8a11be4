/**
 * Contract of the object rows: claim (with its takeover rules), the state moves after it, and
 * reading rows back. A move the row's state does not allow is a TrackingConflictError carrying
 * the row, so the caller re-plans from what is really there.
 */
import { expect, it } from 'vitest';
import { isTrackingConflictError, isTrackingStoreError } from '../../../src/errors.js';
import type { TrackingRecord } from '../../../src/model/tracking.js';
import type { TrackingStore } from '../../../src/ports.js';
import { conflictOf, LEASE_MS, newArn, NOW, pending, recordOf, rejectionOf } from './support.js';
import type { MethodCases } from './support.js';

const KEY = 'step#0#v4';

/** rowIn puts one row in `state` through the port, the way apply gets it there. */
async function rowIn(store: TrackingStore, arn: string, state: TrackingRecord['state'], key = KEY): Promise<TrackingRecord> {
  await store.claim(pending(arn, key, 'owner-a'), NOW);
  if (state === 'CREATED' || state === 'ENDED') await store.markCreated(arn, key, 'ovirt-1');
  if (state === 'ENDED') await store.markEnded(arn, key, 'finished');
  if (state === 'GONE') await store.markGone(arn, key);
  const row = await recordOf(store, arn, key);
  if (row?.state !== state) throw new Error(`could not put ${key} in ${state}`);
  return row;
}

export const getRecords: MethodCases = (subject) => {
  it('returns the rows that exist, by key, and leaves missing keys out', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.claim(pending(arn, 'job#0', 'owner-a'), NOW);
    await store.claim(pending(arn, KEY, 'owner-a'), NOW);
    await store.claim(pending(newArn(), 'step#0#v9', 'owner-a'), NOW);

    const rows = await store.getRecords(arn, ['job#0', KEY, KEY, 'step#0#v9']);

    expect([...rows.keys()].sort()).toEqual(['job#0', KEY]);
    expect(rows.get(KEY)).toEqual(pending(arn, KEY, 'owner-a'));
    expect(await store.getRecords(arn, [])).toEqual(new Map());
  });

  it('reads more rows than one batch request takes', async () => {
    const { store } = subject();
    const arn = newArn();
    const keys = Array.from({ length: 120 }, (_, i) => `step#0#v${i + 1}`);
    for (const key of keys) await store.claim(pending(arn, key, 'owner-a'), NOW);

    const rows = await store.getRecords(arn, keys);

    expect(rows.size).toBe(120);
  });
};

export const claim: MethodCases = (subject) => {
  it('writes a fresh PENDING row and resolves to undefined', async () => {
    const { store } = subject();
    const arn = newArn();

    expect(await store.claim(pending(arn, KEY, 'owner-a'), NOW)).toBeUndefined();

    expect(await recordOf(store, arn, KEY)).toEqual(pending(arn, KEY, 'owner-a'));
  });

  it('throws a TrackingConflictError carrying the row while another owner holds a live claim', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.claim(pending(arn, KEY, 'owner-a'), NOW);

    const conflict = await conflictOf(store.claim(pending(arn, KEY, 'owner-b', NOW + 1), NOW + LEASE_MS - 1));

    expect(conflict.existingRecord).toEqual(pending(arn, KEY, 'owner-a'));
    expect(await recordOf(store, arn, KEY)).toEqual(pending(arn, KEY, 'owner-a'));
  });

  it('lets the same owner claim again and resolves to the row it replaced', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.claim(pending(arn, KEY, 'owner-a'), NOW);

    const replaced = await store.claim(pending(arn, KEY, 'owner-a', NOW + 5), NOW + 5);

    expect(replaced).toEqual(pending(arn, KEY, 'owner-a'));
    expect(await recordOf(store, arn, KEY)).toEqual(pending(arn, KEY, 'owner-a', NOW + 5));
  });

  it('takes over a claim whose lease lapsed (expiry at or before now) and resolves to it', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.claim(pending(arn, KEY, 'owner-a'), NOW);

    const replaced = await store.claim(pending(arn, KEY, 'owner-b', NOW + LEASE_MS), NOW + LEASE_MS);

    expect(replaced).toEqual(pending(arn, KEY, 'owner-a'));
    expect((await recordOf(store, arn, KEY))?.leaseOwner).toBe('owner-b');
  });

  it('takes over a PENDING row that has no lease expiry', async () => {
    const { store } = subject();
    const arn = newArn();
    const noExpiry = { ...pending(arn, KEY, 'owner-a'), leaseExpiresAt: undefined };
    await store.claim(noExpiry, NOW);

    expect(await store.claim(pending(arn, KEY, 'owner-b'), NOW)).toEqual(noExpiry);
  });

  it('does not count two claims without an owner as the same owner', async () => {
    const { store } = subject();
    const arn = newArn();
    const ownerless = { ...pending(arn, KEY, 'owner-a'), leaseOwner: undefined };
    await store.claim(ownerless, NOW);

    expect((await conflictOf(store.claim(ownerless, NOW + 1))).existingRecord).toEqual(ownerless);
  });

  it.each(['CREATED', 'ENDED', 'GONE'] as const)('never takes over a %s row, whoever claims and however late', async (state) => {
    const { store } = subject();
    const arn = newArn();
    const row = await rowIn(store, arn, state);

    const conflict = await conflictOf(store.claim(pending(arn, KEY, 'owner-a', NOW + 10 * LEASE_MS), NOW + 10 * LEASE_MS));

    expect(conflict.existingRecord).toEqual(row);
    expect(await recordOf(store, arn, KEY)).toEqual(row);
  });

  it("refuses the meta row's key as an object key (a TrackingStoreError, not a conflict)", async () => {
    const error = await rejectionOf(subject().store.claim(pending(newArn(), 'meta', 'owner-a'), NOW));

    expect(isTrackingStoreError(error) && !isTrackingConflictError(error)).toBe(true);
  });
};

export const markCreated: MethodCases = (subject) => {
  it('moves a PENDING row to CREATED with the oVirt id, dropping the claim and keeping the rest', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.claim(pending(arn, KEY, 'owner-a'), NOW);

    await store.markCreated(arn, KEY, 'ovirt-1');

    const { leaseOwner: _owner, leaseExpiresAt: _expiry, ...claimed } = pending(arn, KEY, 'owner-a');
    expect(await recordOf(store, arn, KEY)).toEqual({ ...claimed, state: 'CREATED', ovirtId: 'ovirt-1' });
  });

  it('is a no-op when repeated with the same id', async () => {
    const { store } = subject();
    const arn = newArn();
    const row = await rowIn(store, arn, 'CREATED');

    await store.markCreated(arn, KEY, 'ovirt-1');

    expect(await recordOf(store, arn, KEY)).toEqual(row);
  });

  it("is a conflict on a CREATED row with another id (someone else's object must not be forgotten)", async () => {
    const { store } = subject();
    const arn = newArn();
    const row = await rowIn(store, arn, 'CREATED');

    expect((await conflictOf(store.markCreated(arn, KEY, 'ovirt-2'))).existingRecord).toEqual(row);
    expect(await recordOf(store, arn, KEY)).toEqual(row);
  });

  it.each(['ENDED', 'GONE'] as const)('is a conflict on an %s row', async (state) => {
    const { store } = subject();
    const arn = newArn();
    const row = await rowIn(store, arn, state);

    expect((await conflictOf(store.markCreated(arn, KEY, 'ovirt-1'))).existingRecord).toEqual(row);
  });

  it('is a conflict without a row, and creates none', async () => {
    const { store } = subject();
    const arn = newArn();

    expect((await conflictOf(store.markCreated(arn, KEY, 'ovirt-1'))).existingRecord).toBeUndefined();
    expect(await recordOf(store, arn, KEY)).toBeUndefined();
  });
};

export const markEnded: MethodCases = (subject) => {
  it('moves a CREATED row to ENDED with how it was ended', async () => {
    const { store } = subject();
    const arn = newArn();
    const row = await rowIn(store, arn, 'CREATED');

    await store.markEnded(arn, KEY, 'failed');

    expect(await recordOf(store, arn, KEY)).toEqual({ ...row, state: 'ENDED', endedAs: 'failed' });
  });

  it('is a no-op when repeated with the same outcome, a conflict with another', async () => {
    const { store } = subject();
    const arn = newArn();
    const row = await rowIn(store, arn, 'ENDED');

    await store.markEnded(arn, KEY, 'finished');
    const conflict = await conflictOf(store.markEnded(arn, KEY, 'failed'));

    expect(conflict.existingRecord).toEqual(row);
    expect(await recordOf(store, arn, KEY)).toEqual(row);
  });

  it.each(['PENDING', 'GONE'] as const)('is a conflict on a %s row', async (state) => {
    const { store } = subject();
    const arn = newArn();
    const row = await rowIn(store, arn, state);

    expect((await conflictOf(store.markEnded(arn, KEY, 'finished'))).existingRecord).toEqual(row);
    expect(await recordOf(store, arn, KEY)).toEqual(row);
  });

  it('is a conflict without a row, and creates none', async () => {
    const { store } = subject();
    const arn = newArn();

    await conflictOf(store.markEnded(arn, KEY, 'finished'));

    expect(await recordOf(store, arn, KEY)).toBeUndefined();
  });
};

export const markGone: MethodCases = (subject) => {
  it.each(['PENDING', 'CREATED', 'ENDED'] as const)('moves a %s row to GONE, dropping any claim and keeping the rest', async (state) => {
    const { store } = subject();
    const arn = newArn();
    const { leaseOwner: _owner, leaseExpiresAt: _expiry, ...row } = await rowIn(store, arn, state);

    await store.markGone(arn, KEY);

    expect(await recordOf(store, arn, KEY)).toEqual({ ...row, state: 'GONE' });
  });

  it('is a conflict without a row, and creates none', async () => {
    const { store } = subject();
    const arn = newArn();

    expect((await conflictOf(store.markGone(arn, KEY))).existingRecord).toBeUndefined();
    expect(await recordOf(store, arn, KEY)).toBeUndefined();
  });
};
