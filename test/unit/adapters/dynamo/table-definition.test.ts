import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../../../src/adapters/dynamo/rows.js';
import { trackingTableInput } from '../../../../src/local/tracking-table.js';

interface KeyElement {
  AttributeName: string;
  KeyType: string;
}
interface TableResource {
  Type: string;
  Properties: {
    TableName: string;
    BillingMode: string;
    AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
    KeySchema: KeyElement[];
    GlobalSecondaryIndexes: { IndexName: string; KeySchema: KeyElement[]; Projection: { ProjectionType: string } }[];
    TimeToLiveSpecification: { AttributeName: string; Enabled: boolean };
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: boolean };
    SSESpecification: { SSEEnabled: boolean };
  };
}

const resource = JSON.parse(
  readFileSync(new URL('../../../../src/adapters/dynamo/tracking-table.json', import.meta.url), 'utf8'),
) as TableResource;

describe('File: tracking-table.json', () => {
  it('declares the keys, sparse index and TTL attribute the adapter writes', () => {
    // Prepare
    const { Properties: p } = resource;

    // Act
    const index = p.GlobalSecondaryIndexes.find((candidate) => candidate.IndexName === TABLE_SCHEMA.openIndexName);

    // Assess
    expect(resource.Type).toBe('AWS::DynamoDB::Table');
    expect(p.KeySchema).toEqual([
      { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
    ]);
    expect(index?.KeySchema).toEqual([
      { AttributeName: TABLE_SCHEMA.openIndexPartitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_SCHEMA.openIndexSortKey, KeyType: 'RANGE' },
    ]);
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_SCHEMA.ttlAttribute, Enabled: true });
  });

  it('is on-demand, recoverable, encrypted, and named by the serverless variable', () => {
    // Prepare
    const { Properties: p } = resource;

    // Act
    const defined = new Map(p.AttributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]));

    // Assess
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
    expect(p.SSESpecification.SSEEnabled).toBe(true);
    expect(p.TableName).toBe('${self:custom.trackingTableName}');
    expect(defined).toEqual(
      new Map([
        ['executionArn', 'S'],
        ['objectKey', 'S'],
        ['openShard', 'S'],
        ['lastSyncedAt', 'N'],
      ]),
    );
  });
});

describe('Function: trackingTableInput', () => {
  it('keeps what CreateTable needs from the resource and drops the deployment-only properties', () => {
    // Prepare
    const tableName = 'local-tracking';

    // Act
    const input = trackingTableInput(tableName);

    // Assess
    expect(Object.keys(input).sort()).toEqual(['AttributeDefinitions', 'BillingMode', 'GlobalSecondaryIndexes', 'KeySchema', 'TableName']);
    expect(input.TableName).toBe(tableName);
    expect(input.KeySchema).toEqual(resource.Properties.KeySchema);
    expect(input.GlobalSecondaryIndexes).toEqual(resource.Properties.GlobalSecondaryIndexes);
  });
});
