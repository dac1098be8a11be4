import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrackingConflictError, isTrackingStoreError } from '../../../src/errors.js';
import type { TrackingConflictError } from '../../../src/errors.js';
import type { PendingRecord } from '../../../src/model/tracking.js';
import { startTrackingTable } from '../../helpers/dynalite.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';
import { newArn, readRow } from './fixtures.js';

const NOW = 1_700_000_000_000;
const LEASE_MS = 30_000;

function pending(executionArn: string, key: string, owner: string, now = NOW): PendingRecord {
  return {
    executionArn,
    key,
    state: 'PENDING',
    leaseOwner: owner,
    leaseExpiresAt: now + LEASE_MS,
    description: `Pipeline ${key}`,
    parentKey: key === 'job' ? undefined : 'job',
    correlationId: 'pipeline-run-1',
  };
}

async function conflictOf(promise: Promise<unknown>): Promise<TrackingConflictError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTrackingConflictError(error)) throw new Error(`expected a TrackingConflictError, got ${String(error)}`);
  return error;
}

describe('Class: DynamoTrackingStore (dynalite)', () => {
  let table: DynaliteTrackingTable;
  beforeAll(async () => {
    table = await startTrackingTable();
  });
  afterAll(async () => {
    await table?.stop();
  });

  describe('Method: claim', () => {
    it('writes a fresh PENDING row and resolves to undefined', async () => {
      // Prepare
      const arn = newArn();
      const record = pending(arn, 'job', 'owner-a');

      // Act
      const replaced = await table.store.claim(record, NOW);

      // Assess
      expect(replaced).toBeUndefined();
      expect((await table.store.getRecords(arn, ['job'])).get('job')).toEqual(record);
    });

    it('throws a TrackingConflictError carrying the existing row when a live claim holds it', async () => {
      // Prepare
      const arn = newArn();
      const first = pending(arn, 'job', 'owner-a');
      await table.store.claim(first, NOW);

      // Act
      const conflict = await conflictOf(table.store.claim(pending(arn, 'job', 'owner-b', NOW + 1000), NOW + 1000));

      // Assess
      expect(conflict.key).toBe('job');
      expect(conflict.existingRecord).toEqual(first);
      expect(conflict.retryable).toBe(true);
      expect((await readRow(table, arn, 'job'))?.leaseOwner).toBe('owner-a');
    });

    it('takes over a PENDING row whose lease lapsed and resolves to the row it replaced', async () => {
      // Prepare
      const arn = newArn();
      const stale = pending(arn, 'job', 'owner-a');
      await table.store.claim(stale, NOW);
      const later = NOW + LEASE_MS;

      // Act
      const replaced = await table.store.claim(pending(arn, 'job', 'owner-b', later), later);

      // Assess
      expect(replaced).toEqual(stale);
      expect((await readRow(table, arn, 'job'))?.leaseOwner).toBe('owner-b');
    });

    it('lets the same owner claim its own live row again', async () => {
      // Prepare
      const arn = newArn();
      const first = pending(arn, 'step#0', 'owner-a');
      await table.store.claim(first, NOW);

      // Act
      const replaced = await table.store.claim(pending(arn, 'step#0', 'owner-a', NOW + 5), NOW + 5);

      // Assess
      expect(replaced).toEqual(first);
      expect((await readRow(table, arn, 'step#0'))?.leaseExpiresAt).toBe(NOW + 5 + LEASE_MS);
    });

    it('never takes over a CREATED row, even after its lease time', async () => {
      // Prepare
      const arn = newArn();
      await table.store.claim(pending(arn, 'job', 'owner-a'), NOW);
      await table.store.markCreated(arn, 'job', 'ovirt-job-1');
      const muchLater = NOW + 10 * LEASE_MS;

      // Act
      const conflict = await conflictOf(table.store.claim(pending(arn, 'job', 'owner-a', muchLater), muchLater));

      // Assess
      expect(conflict.existingRecord).toMatchObject({ state: 'CREATED', ovirtId: 'ovirt-job-1' });
    });

    it('refuses the meta row key with a clear error', async () => {
      // Prepare
      const record = pending(newArn(), 'meta', 'owner-a');

      // Act
      const error = await table.store.claim(record, NOW).catch((e: unknown) => e);

      // Assess
      expect(isTrackingStoreError(error)).toBe(true);
      expect((error as Error).message).toMatch(/meta row/);
    });
  });

  describe('Methods: markCreated, markEnded, markGone', () => {
    it('moves a row PENDING → CREATED → ENDED, dropping the claim, and repeats idempotently', async () => {
      // Prepare
      const arn = newArn();
      await table.store.claim(pending(arn, 'job', 'owner-a'), NOW);

      // Act
      await table.store.markCreated(arn, 'job', 'ovirt-job-1');
      await table.store.markCreated(arn, 'job', 'ovirt-job-1');
      await table.store.markEnded(arn, 'job', 'failed');
      await table.store.markEnded(arn, 'job', 'failed');

      // Assess
      const row = await readRow(table, arn, 'job');
      expect(row).toMatchObject({ state: 'ENDED', ovirtId: 'ovirt-job-1', endedAs: 'failed', description: 'Pipeline job' });
      expect(row).not.toHaveProperty('leaseOwner');
      expect(row).not.toHaveProperty('leaseExpiresAt');
    });

    it('rejects recording a second oVirt id on a CREATED row', async () => {
      // Prepare
      const arn = newArn();
      await table.store.claim(pending(arn, 'job', 'owner-a'), NOW);
      await table.store.markCreated(arn, 'job', 'ovirt-job-1');

      // Act
      const conflict = await conflictOf(table.store.markCreated(arn, 'job', 'ovirt-job-2'));

      // Assess
      expect(conflict.existingRecord).toMatchObject({ state: 'CREATED', ovirtId: 'ovirt-job-1' });
      expect((await readRow(table, arn, 'job'))?.ovirtId).toBe('ovirt-job-1');
    });

    it('rejects markCreated and markEnded on a missing row without creating it', async () => {
      // Prepare
      const arn = newArn();

      // Act
      const created = await conflictOf(table.store.markCreated(arn, 'job', 'ovirt-job-1'));
      const ended = await conflictOf(table.store.markEnded(arn, 'job', 'finished'));

      // Assess
      expect(created.existingRecord).toBeUndefined();
      expect(ended.existingRecord).toBeUndefined();
      expect(await readRow(table, arn, 'job')).toBeUndefined();
    });

    it('rejects ending a PENDING row and ending an ENDED row the other way', async () => {
      // Prepare
      const arn = newArn();
      await table.store.claim(pending(arn, 'step#0', 'owner-a'), NOW);
      await table.store.claim(pending(arn, 'step#1', 'owner-a'), NOW);
      await table.store.markCreated(arn, 'step#1', 'ovirt-step-1');
      await table.store.markEnded(arn, 'step#1', 'finished');

      // Act
      const fromPending = await conflictOf(table.store.markEnded(arn, 'step#0', 'finished'));
      const flipped = await conflictOf(table.store.markEnded(arn, 'step#1', 'failed'));

      // Assess
      expect(fromPending.existingRecord).toMatchObject({ state: 'PENDING' });
      expect(flipped.existingRecord).toMatchObject({ state: 'ENDED', endedAs: 'finished' });
    });

    it('marks any existing row GONE, and a later claim cannot revive it', async () => {
      // Prepare
      const arn = newArn();
      await table.store.claim(pending(arn, 'job', 'owner-a'), NOW);
      await table.store.markCreated(arn, 'job', 'ovirt-job-1');

      // Act
      await table.store.markGone(arn, 'job');
      const revive = await conflictOf(table.store.claim(pending(arn, 'job', 'owner-a', NOW + LEASE_MS), NOW + LEASE_MS));

      // Assess
      expect(revive.existingRecord).toMatchObject({ state: 'GONE', ovirtId: 'ovirt-job-1' });
      expect((await readRow(table, arn, 'job'))?.state).toBe('GONE');
    });

    it('rejects markGone on a missing row without creating it', async () => {
      // Prepare
      const arn = newArn();

      // Act
      const conflict = await conflictOf(table.store.markGone(arn, 'job'));

      // Assess
      expect(conflict.existingRecord).toBeUndefined();
      expect(await readRow(table, arn, 'job')).toBeUndefined();
    });
  });

  describe('Method: getRecords', () => {
    it('reads more than 100 rows across batches, leaving out missing keys', async () => {
      // Prepare
      const arn = newArn();
      const keys = Array.from({ length: 230 }, (_, i) => `step#${i}`);
      for (const key of keys) await table.store.claim(pending(arn, key, 'owner-a'), NOW);
      const missing = ['step#missing-1', 'step#missing-2'];

      // Act
      const records = await table.store.getRecords(arn, [...keys, ...missing, 'step#7']);

      // Assess
      expect(records.size).toBe(keys.length);
      expect([...records.keys()].sort()).toEqual([...keys].sort());
      expect(records.get('step#229')).toEqual(pending(arn, 'step#229', 'owner-a'));
      for (const key of missing) expect(records.has(key)).toBe(false);
    });

    it('resolves to an empty map for no keys', async () => {
      // Prepare
      const arn = newArn();

      // Act
      const records = await table.store.getRecords(arn, []);

      // Assess
      expect(records.size).toBe(0);
    });
  });
});
