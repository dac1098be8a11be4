import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingStore } from '../../../src/ports.js';
import { startTrackingTable } from '../../helpers/dynalite.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';
import { newArn, progress, readPartition } from './fixtures.js';

const NOW = 1_700_000_000_000;
const LEASE_MS = 60_000;

/** syncOnce runs one lease round on `arn` that saves `open` at `now`. */
async function syncOnce(store: TrackingStore, arn: string, open: boolean, now: number): Promise<void> {
  const meta = await store.acquireLease(arn, 'owner-a', now, LEASE_MS);
  if (!meta) throw new Error(`lease of ${arn} unexpectedly held`);
  const result = await store.saveProgress(arn, 'owner-a', meta.requests, progress({ open }), now, LEASE_MS);
  if (result.kind !== 'released') throw new Error(`save of ${arn} was ${result.kind}`);
}

describe('Class: DynamoTrackingStore (dynalite)', () => {
  let table: DynaliteTrackingTable;
  beforeAll(async () => {
    table = await startTrackingTable();
  });
  afterAll(async () => {
    await table?.stop();
  });

  describe('Method: listOpen', () => {
    it('lists only open executions, least recently synced first, and drops closed ones', async () => {
      // Prepare: a table of its own, so other tests' executions do not show.
      const own = await startTrackingTable({ endpoint: table.endpoint });
      const [a, b, c, closed] = [newArn('a'), newArn('b'), newArn('c'), newArn('closed')];
      await syncOnce(own.store, b, true, NOW + 300);
      await syncOnce(own.store, a, true, NOW + 100);
      await syncOnce(own.store, c, true, NOW + 200);
      await syncOnce(own.store, closed, false, NOW + 50);
      await own.store.acquireLease(newArn('never-saved'), 'owner-a', NOW, LEASE_MS);

      // Act
      const before = await own.store.listOpen(10);
      const firstTwo = await own.store.listOpen(2);
      await syncOnce(own.store, c, false, NOW + 400);
      const after = await own.store.listOpen(10);
      await own.stop();

      // Assess
      expect(before).toEqual([
        { executionArn: a, lastSyncedAt: NOW + 100 },
        { executionArn: c, lastSyncedAt: NOW + 200 },
        { executionArn: b, lastSyncedAt: NOW + 300 },
      ]);
      expect(firstTwo).toEqual(before.slice(0, 2));
      expect(after.map((entry) => entry.executionArn)).toEqual([a, b]);
    });
  });

  describe('Method: expireExecution', () => {
    it('sets expiresAt on every row of the execution across pages, and only there', async () => {
      // Prepare
      const arn = newArn();
      const other = newArn('other');
      await syncOnce(table.store, arn, true, NOW);
      await syncOnce(table.store, other, true, NOW);
      for (let i = 0; i < 150; i += 1) {
        await table.store.claim({ executionArn: arn, key: `step#${i}`, state: 'PENDING', leaseOwner: 'owner-a', leaseExpiresAt: NOW }, NOW);
      }
      await table.store.claim({ executionArn: other, key: 'job', state: 'PENDING', leaseOwner: 'owner-a', leaseExpiresAt: NOW }, NOW);
      const expiresAt = Math.floor(NOW / 1000) + 30 * 24 * 3600;

      // Act
      await table.store.expireExecution(arn, expiresAt);

      // Assess
      const rows = await readPartition(table, arn);
      expect(rows).toHaveLength(151);
      expect(rows.filter((row) => row.expiresAt === expiresAt)).toHaveLength(151);
      expect((await readPartition(table, other)).some((row) => 'expiresAt' in row)).toBe(false);
    });

    it('does nothing for an execution without rows', async () => {
      // Prepare
      const arn = newArn();

      // Act
      await table.store.expireExecution(arn, 1);

      // Assess
      expect(await readPartition(table, arn)).toEqual([]);
    });
  });
});
