import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrackingTable } from '../../../src/local/tracking-table.js';
import { startTrackingTable } from '../../helpers/dynalite.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';

describe('Function: createTrackingTable (dynalite)', () => {
  let table: DynaliteTrackingTable;
  beforeAll(async () => {
    table = await startTrackingTable();
  });
  afterAll(async () => {
    await table?.stop();
  });

  it('creates an ACTIVE table with the keys and sparse index of tracking-table.json', async () => {
    // Prepare
    const describe = new DescribeTableCommand({ TableName: table.tableName });

    // Act
    const { Table } = await table.client.send(describe);

    // Assess
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'executionArn', KeyType: 'HASH' },
      { AttributeName: 'objectKey', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus, index.KeySchema])).toEqual([
      [
        'open-executions',
        'ACTIVE',
        [
          { AttributeName: 'openShard', KeyType: 'HASH' },
          { AttributeName: 'lastSyncedAt', KeyType: 'RANGE' },
        ],
      ],
    ]);
  });

  it('accepts a table that already exists', async () => {
    // Prepare
    const before = await table.client.send(new ListTablesCommand({}));

    // Act
    await createTrackingTable(table.client, table.tableName);

    // Assess
    const after = await table.client.send(new ListTablesCommand({}));
    expect(after.TableNames).toEqual(before.TableNames);
    expect(after.TableNames).toContain(table.tableName);
  });
});
