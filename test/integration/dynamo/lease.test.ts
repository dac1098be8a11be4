import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTrackingStore } from '../../../src/adapters/dynamo/tracking-store.js';
import { startTrackingTable } from '../../helpers/dynalite.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';
import { newArn, progress, readRow } from './fixtures.js';

const NOW = 1_700_000_000_000;
const LEASE_MS = 60_000;

describe('Class: DynamoTrackingStore (dynalite)', () => {
  let table: DynaliteTrackingTable;
  beforeAll(async () => {
    table = await startTrackingTable();
  });
  afterAll(async () => {
    await table?.stop();
  });

  describe('Method: acquireLease', () => {
    it('creates the meta row on first sight with zeroed progress', async () => {
      // Prepare
      const arn = newArn();

      // Act
      const meta = await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

      // Assess
      expect(meta).toEqual({
        executionArn: arn,
        cursor: 0,
        checkpoint: undefined,
        status: undefined,
        redriveCount: 0,
        stateMachineArn: undefined,
        startDate: undefined,
        open: false,
        requests: 0,
        leaseOwner: 'owner-a',
        leaseExpiresAt: NOW + LEASE_MS,
        lastSyncedAt: undefined,
      });
    });

    it('lets exactly one of 8 simultaneous owners win and counts the other 7 requests', async () => {
      // Prepare
      const arn = newArn();
      const owners = Array.from({ length: 8 }, (_, i) => `owner-${i}`);

      // Act
      const results = await Promise.all(owners.map((owner) => table.store.acquireLease(arn, owner, NOW, LEASE_MS)));

      // Assess
      const winners = results.filter((meta) => meta !== null);
      expect(winners).toHaveLength(1);
      const row = await readRow(table, arn, 'meta');
      expect(row?.leaseOwner).toBe(winners[0]?.leaseOwner);
      expect(row?.requests).toBe((winners[0]?.requests ?? 0) + 7);
    });

    it('does not take a live lease, but takes over one that lapsed', async () => {
      // Prepare
      const arn = newArn();
      await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

      // Act
      const whileLive = await table.store.acquireLease(arn, 'owner-b', NOW + LEASE_MS - 1, LEASE_MS);
      const afterLapse = await table.store.acquireLease(arn, 'owner-b', NOW + LEASE_MS, LEASE_MS);

      // Assess
      expect(whileLive).toBeNull();
      expect(afterLapse).toMatchObject({ leaseOwner: 'owner-b', leaseExpiresAt: NOW + 2 * LEASE_MS, requests: 1 });
    });

    it('takes the lease itself when the holder releases between its failed acquire and its count', async () => {
      // Prepare: owner-b's client lets owner-a save and release right after b's first write fails.
      const arn = newArn();
      const held = await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
      const doc = DynamoDBDocumentClient.from(table.client);
      const realSend = doc.send.bind(doc) as (command: unknown, options?: unknown) => Promise<unknown>;
      let interleaved = false;
      const interleavingSend = (command: unknown, options?: unknown): Promise<unknown> =>
        realSend(command, options).catch(async (error: unknown) => {
          if (!interleaved) {
            interleaved = true;
            await table.store.saveProgress(arn, 'owner-a', held?.requests ?? -1, progress(), NOW + 1, LEASE_MS);
          }
          throw error;
        });
      doc.send = interleavingSend;
      const storeB = new DynamoTrackingStore({ client: doc, tableName: table.tableName });

      // Act
      const meta = await storeB.acquireLease(arn, 'owner-b', NOW + 2, LEASE_MS);

      // Assess
      expect(interleaved).toBe(true);
      expect(meta).toMatchObject({ leaseOwner: 'owner-b', cursor: 12 });
    });
  });

  describe('Method: saveProgress', () => {
    it('saves and releases when no request came meanwhile', async () => {
      // Prepare
      const arn = newArn();
      const meta = await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

      // Act
      const result = await table.store.saveProgress(arn, 'owner-a', meta?.requests ?? -1, progress({ cursor: 40 }), NOW + 5, LEASE_MS);

      // Assess
      expect(result).toEqual({ kind: 'released' });
      const row = await readRow(table, arn, 'meta');
      expect(row).toMatchObject({ cursor: 40, status: 'RUNNING', lastSyncedAt: NOW + 5, openShard: 'OPEN' });
      expect(row).not.toHaveProperty('leaseOwner');
      expect(row).not.toHaveProperty('leaseExpiresAt');
    });

    it('keeps and renews the lease when a request came meanwhile, then releases on the next round', async () => {
      // Prepare
      const arn = newArn();
      const meta = await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
      await table.store.acquireLease(arn, 'owner-b', NOW + 1, LEASE_MS);

      // Act
      const first = await table.store.saveProgress(arn, 'owner-a', meta?.requests ?? -1, progress({ cursor: 20 }), NOW + 10, LEASE_MS);
      const rowBetween = await readRow(table, arn, 'meta');
      const seen = first.kind === 'requested-again' ? first.requests : -1;
      const second = await table.store.saveProgress(arn, 'owner-a', seen, progress({ cursor: 25 }), NOW + 20, LEASE_MS);

      // Assess
      expect(first).toEqual({ kind: 'requested-again', requests: (meta?.requests ?? 0) + 1 });
      expect(rowBetween).toMatchObject({ cursor: 20, leaseOwner: 'owner-a', leaseExpiresAt: NOW + 10 + LEASE_MS });
      expect(second).toEqual({ kind: 'released' });
      expect(await readRow(table, arn, 'meta')).toMatchObject({ cursor: 25, lastSyncedAt: NOW + 20 });
    });

    it('reports lease-lost and writes nothing when another owner took the lapsed lease', async () => {
      // Prepare
      const arn = newArn();
      const meta = await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
      await table.store.acquireLease(arn, 'owner-b', NOW + LEASE_MS, LEASE_MS);

      // Act
      const result = await table.store.saveProgress(arn, 'owner-a', meta?.requests ?? -1, progress({ cursor: 99 }), NOW + LEASE_MS + 1, LEASE_MS);

      // Assess
      expect(result).toEqual({ kind: 'lease-lost' });
      expect(await readRow(table, arn, 'meta')).toMatchObject({ cursor: 0, leaseOwner: 'owner-b' });
    });

    it('removes the checkpoint when the round has none', async () => {
      // Prepare
      const arn = newArn();
      const meta = await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
      await table.store.saveProgress(arn, 'owner-a', meta?.requests ?? -1, progress(), NOW + 1, LEASE_MS);
      const again = await table.store.acquireLease(arn, 'owner-a', NOW + 2, LEASE_MS);

      // Act
      await table.store.saveProgress(arn, 'owner-a', again?.requests ?? -1, progress({ checkpoint: undefined }), NOW + 3, LEASE_MS);

      // Assess
      expect(await readRow(table, arn, 'meta')).not.toHaveProperty('checkpoint');
    });
  });

  describe('Method: saveProgress (keeping the lease)', () => {
    it('with seenRequests null saves and renews the lease without releasing it', async () => {
      // Prepare
      const arn = newArn();
      await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

      // Act
      const result = await table.store.saveProgress(arn, 'owner-a', null, progress({ cursor: 1000 }), NOW + 5, LEASE_MS);

      // Assess
      expect(result).toEqual({ kind: 'requested-again', requests: 0 });
      expect(await table.store.acquireLease(arn, 'owner-b', NOW + 6, LEASE_MS)).toBeNull();
      const meta = await table.store.acquireLease(arn, 'owner-a', NOW + 7, LEASE_MS);
      expect(meta?.cursor).toBe(1000);
    });
  });

  describe('Method: markOpen', () => {
    it('puts a never-saved execution in the sweep index while its lease holder creates a job', async () => {
      // Prepare
      const arn = newArn();
      await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

      // Act
      const marked = await table.store.markOpen(arn, 'owner-a', NOW);

      // Assess
      expect(marked).toBe(true);
      const open = await table.store.listOpen(1000);
      expect(open.map((entry) => entry.executionArn)).toContain(arn);
    });

    it('refuses when the lease belongs to someone else', async () => {
      // Prepare
      const arn = newArn();
      await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

      // Act
      const marked = await table.store.markOpen(arn, 'owner-b', NOW);

      // Assess
      expect(marked).toBe(false);
      expect((await table.store.listOpen(1000)).map((entry) => entry.executionArn)).not.toContain(arn);
    });
  });

  describe('Method: releaseLease', () => {
    it('releases only its own lease', async () => {
      // Prepare
      const arn = newArn();
      await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);

      // Act
      await table.store.releaseLease(arn, 'owner-b');
      const whileHeld = await table.store.acquireLease(arn, 'owner-c', NOW + 1, LEASE_MS);
      await table.store.releaseLease(arn, 'owner-a');
      const afterRelease = await table.store.acquireLease(arn, 'owner-c', NOW + 2, LEASE_MS);

      // Assess
      expect(whileHeld).toBeNull();
      expect(afterRelease).toMatchObject({ leaseOwner: 'owner-c' });
    });

    it('does not create a meta row for an unknown execution', async () => {
      // Prepare
      const arn = newArn();

      // Act
      await table.store.releaseLease(arn, 'owner-a');

      // Assess
      expect(await readRow(table, arn, 'meta')).toBeUndefined();
    });
  });
});
