import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHECKPOINT_BYTES } from '../../../src/adapters/dynamo/progress-writes.js';
import { isTrackingStoreError } from '../../../src/errors.js';
import { startTrackingTable } from '../../helpers/dynalite.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';
import { dynamoItemSize, newArn, progress, readRow } from './fixtures.js';

const NOW = 1_700_000_000_000;
const LEASE_MS = 60_000;
const DYNAMO_ITEM_LIMIT = 400 * 1024;

describe('Class: DynamoTrackingStore (dynalite)', () => {
  let table: DynaliteTrackingTable;
  beforeAll(async () => {
    table = await startTrackingTable();
  });
  afterAll(async () => {
    await table?.stop();
  });

  /** Reads the stored meta row raw: its size by DynamoDB's rule and dynalite's read units (4 KB each). */
  async function measureMeta(arn: string): Promise<{ size: number; readUnits: number }> {
    const out = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { executionArn: { S: arn }, objectKey: { S: 'meta' } },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    return { size: dynamoItemSize(out.Item ?? {}), readUnits: out.ConsumedCapacity?.CapacityUnits ?? Number.NaN };
  }

  describe('Method: saveProgress (meta row size)', () => {
    it('stores a checkpoint at the limit and keeps the meta row bounded over many rounds', async () => {
      // Prepare
      const arn = newArn();
      const checkpoint = 'c'.repeat(MAX_CHECKPOINT_BYTES);
      const sizes: number[] = [];

      // Act
      for (let round = 1; round <= 20; round += 1) {
        const meta = await table.store.acquireLease(arn, 'owner-a', NOW + round, LEASE_MS);
        await table.store.saveProgress(arn, 'owner-a', meta?.requests ?? -1, progress({ cursor: round * 1000, checkpoint }), NOW + round, LEASE_MS);
        sizes.push((await measureMeta(arn)).size);
      }
      const { size, readUnits } = await measureMeta(arn);

      // Assess
      expect((await readRow(table, arn, 'meta'))?.checkpoint).toBe(checkpoint);
      expect(size).toBeLessThan(DYNAMO_ITEM_LIMIT);
      expect(size - MAX_CHECKPOINT_BYTES).toBeLessThan(1024);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
      expect(readUnits).toBe(Math.ceil(size / 4096));
    });

    it('rejects a checkpoint over the limit, counted in UTF-8 bytes, and leaves the row and lease as they were', async () => {
      // Prepare
      const arn = newArn();
      const meta = await table.store.acquireLease(arn, 'owner-a', NOW, LEASE_MS);
      const checkpoint = 'é'.repeat(MAX_CHECKPOINT_BYTES / 2 + 1);

      // Act
      const error = await table.store
        .saveProgress(arn, 'owner-a', meta?.requests ?? -1, progress({ checkpoint }), NOW + 1, LEASE_MS)
        .catch((e: unknown) => e);

      // Assess
      expect(checkpoint.length).toBeLessThan(MAX_CHECKPOINT_BYTES);
      expect(isTrackingStoreError(error)).toBe(true);
      expect((error as Error & { retryable: boolean }).retryable).toBe(false);
      expect((error as Error).message).toContain(`${MAX_CHECKPOINT_BYTES + 2} bytes, over the ${MAX_CHECKPOINT_BYTES}-byte limit`);
      expect(await readRow(table, arn, 'meta')).toMatchObject({ cursor: 0, leaseOwner: 'owner-a' });
    });
  });
});
