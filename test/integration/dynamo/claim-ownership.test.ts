/**
 * Claim ownership (issue 9 #7 and the stored error of issue 9 "errors hidden behind claims"):
 * renewClaim, recordClaimFailure and markCreated with an owner, run against both the DynamoDB
 * adapter (dynalite) and the in-memory fake the unit tests use, so the two behave alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrackingConflictError } from '../../../src/errors.js';
import type { TrackingRecord } from '../../../src/model/tracking.js';
import type { TrackingStore } from '../../../src/ports.js';
import { startTrackingTable } from '../../helpers/dynalite.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';
import { InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { newArn } from './fixtures.js';

const NOW = 1_700_000_000_000;
const LEASE_MS = 30_000;

const pending = (executionArn: string, key: string, owner: string, now = NOW): TrackingRecord & { state: 'PENDING' } => ({
  executionArn,
  key,
  state: 'PENDING',
  leaseOwner: owner,
  leaseExpiresAt: now + LEASE_MS,
  description: `Pipeline ${key}`,
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

let table: DynaliteTrackingTable;
beforeAll(async () => {
  table = await startTrackingTable();
});
afterAll(async () => {
  await table?.stop();
});

describe.each([
  ['DynamoTrackingStore (dynalite)', (): TrackingStore => table.store],
  ['InMemoryTrackingStore', (): TrackingStore => new InMemoryTrackingStore()],
])('claim ownership: %s', (_name, storeOf) => {
  it('renewClaim moves the lease of the holder and refuses anyone else or a row that is no longer PENDING', async () => {
    // Prepare
    const store = storeOf();
    const arn = newArn();
    await store.claim(pending(arn, 'job', 'owner-a'), NOW);
    await store.claim(pending(arn, 'step#0', 'owner-a'), NOW);
    await store.markCreated(arn, 'step#0', 'ovirt-step-0');

    // Act
    const byHolder = await store.renewClaim(arn, 'job', 'owner-a', NOW + 2 * LEASE_MS);
    const byOther = await store.renewClaim(arn, 'job', 'owner-b', NOW + 9 * LEASE_MS);
    const created = await store.renewClaim(arn, 'step#0', 'owner-a', NOW + 9 * LEASE_MS);
    const missing = await store.renewClaim(arn, 'step#1', 'owner-a', NOW + 9 * LEASE_MS);

    // Assess
    expect([byHolder, byOther, created, missing]).toEqual([true, false, false, false]);
    const rows = await store.getRecords(arn, ['job', 'step#0', 'step#1']);
    expect(rows.get('job')).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-a', leaseExpiresAt: NOW + 2 * LEASE_MS });
    expect(rows.has('step#1')).toBe(false);
  });

  it('markCreated with an owner records only while that owner holds the claim (a takeover is a conflict carrying the row)', async () => {
    // Prepare
    const store = storeOf();
    const arn = newArn();
    await store.claim(pending(arn, 'job', 'owner-a'), NOW);
    const later = NOW + LEASE_MS + 1;
    await store.claim(pending(arn, 'job', 'owner-b', later), later); // owner-a's lease lapsed; owner-b took over

    // Act
    const lost = await rejection(store.markCreated(arn, 'job', 'ovirt-job-a', undefined, 'owner-a'));
    await store.markCreated(arn, 'job', 'ovirt-job-b', undefined, 'owner-b');
    await store.markCreated(arn, 'job', 'ovirt-job-b', undefined, 'owner-a'); // the same id again: a no-op

    // Assess
    expect(isTrackingConflictError(lost) && lost.existingRecord).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-b' });
    expect((await store.getRecords(arn, ['job'])).get('job')).toMatchObject({ state: 'CREATED', ovirtId: 'ovirt-job-b' });
  });

  it('recordClaimFailure stores the error on the holder\'s PENDING row, the claim stays, and a transition drops it', async () => {
    // Prepare
    const store = storeOf();
    const arn = newArn();
    await store.claim(pending(arn, 'job', 'owner-a'), NOW);
    const failure = { name: 'OvirtUnavailableError', message: 'TLS certificate of the engine is not trusted.' };

    // Act
    const stored = await store.recordClaimFailure(arn, 'job', 'owner-a', failure);
    const byOther = await store.recordClaimFailure(arn, 'job', 'owner-b', { name: 'X', message: 'not mine' });
    const blocked = await rejection(store.claim(pending(arn, 'job', 'owner-b', NOW + 1), NOW + 1));
    const whileFailed = (await store.getRecords(arn, ['job'])).get('job');
    await store.markCreated(arn, 'job', 'ovirt-job-1', undefined, 'owner-a');

    // Assess
    expect([stored, byOther]).toEqual([true, false]);
    expect(whileFailed).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-a', lastErrorName: failure.name, lastError: failure.message });
    expect(isTrackingConflictError(blocked) && blocked.existingRecord).toMatchObject({ lastErrorName: failure.name, lastError: failure.message });
    const created = (await store.getRecords(arn, ['job'])).get('job');
    expect(created?.state).toBe('CREATED');
    expect(created?.lastError).toBeUndefined();
    expect(created?.lastErrorName).toBeUndefined();
  });
});
