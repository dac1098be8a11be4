/**
 * tableShapeProblems: a described table against tracking-table.json (the doctor's table check).
 */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { tableShapeProblems } from '../../../../src/adapters/dynamo/table-shape.js';
import { trackingTableInput } from '../../../../src/local/tracking-table.js';

/** asDescribed turns the CreateTable input of the definition into what DescribeTable returns. */
function asDescribed(): TableDescription {
  const input = trackingTableInput('t');
  return {
    TableName: 't',
    TableStatus: 'ACTIVE',
    KeySchema: input.KeySchema,
    AttributeDefinitions: input.AttributeDefinitions,
    GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, IndexStatus: 'ACTIVE' })),
  };
}

describe('tableShapeProblems', () => {
  it('finds nothing wrong with a table created from the definition', () => {
    // Act & Assess
    expect(tableShapeProblems(asDescribed())).toEqual([]);
  });

  it('names swapped keys, a wrong key type, an index keyed differently and a table still being created', () => {
    // Prepare
    const table = asDescribed();
    const wrong: TableDescription = {
      ...table,
      TableStatus: 'CREATING',
      KeySchema: [{ AttributeName: 'objectKey', KeyType: 'HASH' }, { AttributeName: 'executionArn', KeyType: 'RANGE' }],
      AttributeDefinitions: (table.AttributeDefinitions ?? []).map((a) => (a.AttributeName === 'lastSyncedAt' ? { ...a, AttributeType: 'S' } : a)),
      GlobalSecondaryIndexes: [{ IndexName: 'open-executions', KeySchema: [{ AttributeName: 'openShard', KeyType: 'HASH' }], IndexStatus: 'ACTIVE' }],
    };

    // Act
    const problems = tableShapeProblems(wrong);

    // Assess
    expect(problems).toEqual([
      'its key is objectKey (HASH) + executionArn (RANGE), expected executionArn (HASH) + objectKey (RANGE)',
      'index open-executions is keyed openShard (HASH), expected openShard (HASH) + lastSyncedAt (RANGE)',
      'attribute lastSyncedAt is of type S, expected N',
      'it is CREATING, not ACTIVE yet',
    ]);
  });
});
