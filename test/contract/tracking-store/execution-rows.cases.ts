/**
 * Contract of the whole-execution reads the operator command uses (`status`, `backfill`): the
 * meta row as saved, and every object row of one execution, in key order, without the meta row.
 */
import { expect, it } from 'vitest';
import { LEASE_MS, newArn, NOW, pending, progress } from './support.js';
import type { MethodCases } from './support.js';

export const getMeta: MethodCases = (subject) => {
  it('reads back the progress, the lease and the open flag as saved, and nothing for an unknown execution', async () => {
    // Prepare
    const { store } = subject();
    const [held, saved] = [newArn('held'), newArn('saved')];
    await store.acquireLease(held, 'owner-a', NOW, LEASE_MS);
    await store.acquireLease(saved, 'owner-a', NOW, LEASE_MS);
    await store.saveProgress(saved, 'owner-a', 0, progress({ cursor: 40, status: 'SUCCEEDED', open: false }), NOW, LEASE_MS);

    // Act
    const [heldMeta, savedMeta, unknown] = await Promise.all([store.getMeta(held), store.getMeta(saved), store.getMeta(newArn())]);

    // Assess
    expect(heldMeta).toMatchObject({ executionArn: held, cursor: 0, leaseOwner: 'owner-a', leaseExpiresAt: NOW + LEASE_MS });
    expect(savedMeta).toMatchObject({ executionArn: saved, cursor: 40, status: 'SUCCEEDED', open: false, redriveCount: 0 });
    expect(savedMeta?.leaseOwner).toBeUndefined();
    expect(unknown).toBeUndefined();
  });

  it('shows a failed sync with its next attempt', async () => {
    // Prepare
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    const failure = { failures: 2, errorName: 'OvirtHttpError', errorMessage: 'oVirt answered 503', failedAt: NOW, nextAttemptAt: NOW + 120_000 };

    // Act
    await store.releaseAfterFailure(arn, 'owner-a', failure);
    const meta = await store.getMeta(arn);

    // Assess
    expect(meta?.failure).toEqual(failure);
    expect(meta?.open).toBe(true);
  });
};

export const listRecords: MethodCases = (subject) => {
  it('lists every object row of the execution in key order, with its state, and neither the meta row nor another execution', async () => {
    // Prepare
    const { store } = subject();
    const [arn, other] = [newArn(), newArn('other')];
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
    await store.claim(pending(arn, 'step#0#v9', 'owner-a'), NOW);
    await store.claim(pending(arn, 'job#0', 'owner-a'), NOW);
    await store.claim(pending(arn, 'step#0#v4', 'owner-a'), NOW);
    await store.claim(pending(other, 'job#0', 'owner-a'), NOW);
    await store.markCreated(arn, 'job#0', 'job-id-1');
    await store.markCreated(arn, 'step#0#v4', 'step-id-1');
    await store.markEnded(arn, 'step#0#v4', 'finished');

    // Act
    const rows = await store.listRecords(arn);

    // Assess
    expect(rows.map((row) => [row.key, row.state, row.ovirtId])).toEqual([
      ['job#0', 'CREATED', 'job-id-1'],
      ['step#0#v4', 'ENDED', 'step-id-1'],
      ['step#0#v9', 'PENDING', undefined],
    ]);
    expect(rows[2]).toMatchObject({ leaseOwner: 'owner-a', leaseExpiresAt: NOW + LEASE_MS, parentKey: 'job#0' });
  });

  it('is empty for an execution with no object rows', async () => {
    const { store } = subject();
    const arn = newArn();
    await store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

    expect(await store.listRecords(arn)).toEqual([]);
  });
};
