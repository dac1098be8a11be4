/**
 * Contract of claim ownership: renewing a held claim, storing the error of a failed create on
 * it, and recording an object only while its claim is still ours (a claim taken over after its
 * lease lapsed belongs to the new holder).
 */
import { expect, it } from 'vitest';
import { conflictOf, LEASE_MS, newArn, NOW, pending } from './support.js';
import type { MethodCases } from './support.js';

export const renewClaim: MethodCases = (subject) => {
  it('renewClaim moves the lease of the holder and refuses anyone else or a row that is no longer PENDING', async () => {
    // Prepare
    const { store } = subject();
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
};

export const markCreatedWithOwner: MethodCases = (subject) => {
  it('markCreated with an owner records only while that owner holds the claim (a takeover is a conflict carrying the row)', async () => {
    // Prepare
    const { store } = subject();
    const arn = newArn();
    await store.claim(pending(arn, 'job', 'owner-a'), NOW);
    const later = NOW + LEASE_MS + 1;
    await store.claim(pending(arn, 'job', 'owner-b', later), later); // owner-a's lease lapsed; owner-b took over

    // Act
    const lost = await conflictOf(store.markCreated(arn, 'job', 'ovirt-job-a', undefined, 'owner-a'));
    await store.markCreated(arn, 'job', 'ovirt-job-b', undefined, 'owner-b');
    await store.markCreated(arn, 'job', 'ovirt-job-b', undefined, 'owner-a'); // the same id again: a no-op

    // Assess
    expect(lost.existingRecord).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-b' });
    expect((await store.getRecords(arn, ['job'])).get('job')).toMatchObject({ state: 'CREATED', ovirtId: 'ovirt-job-b' });
  });
};

export const recordClaimFailure: MethodCases = (subject) => {
  it('recordClaimFailure stores the error on the holder\'s PENDING row, the claim stays, and a transition drops it', async () => {
    // Prepare
    const { store } = subject();
    const arn = newArn();
    await store.claim(pending(arn, 'job', 'owner-a'), NOW);
    const failure = { name: 'OvirtUnavailableError', message: 'TLS certificate of the engine is not trusted.' };

    // Act
    const stored = await store.recordClaimFailure(arn, 'job', 'owner-a', failure);
    const byOther = await store.recordClaimFailure(arn, 'job', 'owner-b', { name: 'X', message: 'not mine' });
    const blocked = await conflictOf(store.claim(pending(arn, 'job', 'owner-b', NOW + 1), NOW + 1));
    const whileFailed = (await store.getRecords(arn, ['job'])).get('job');
    await store.markCreated(arn, 'job', 'ovirt-job-1', undefined, 'owner-a');

    // Assess
    expect([stored, byOther]).toEqual([true, false]);
    expect(whileFailed).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-a', lastErrorName: failure.name, lastError: failure.message });
    expect(blocked.existingRecord).toMatchObject({ lastErrorName: failure.name, lastError: failure.message });
    const created = (await store.getRecords(arn, ['job'])).get('job');
    expect(created?.state).toBe('CREATED');
    expect(created?.lastError).toBeUndefined();
    expect(created?.lastErrorName).toBeUndefined();
  });
};
