/**
 * The tracking table as deployed compared with its one definition (tracking-table.json, the
 * resource serverless.yml deploys): the keys and the open-executions index the adapter relies
 * on. The operator command's doctor uses it to check a stage's table before anything writes.
 */
import type { DynamoDBClient, KeySchemaElement, TableDescription } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import definition from './tracking-table.json' with { type: 'json' };
import { toStoreError } from './store-error.js';

/** ExpectedIndex is one global secondary index of the definition. */
interface ExpectedIndex {
  readonly IndexName: string;
  readonly KeySchema: readonly KeySchemaElement[];
}

/** EXPECTED_TABLE is the part of tracking-table.json a deployed table must match. */
export const EXPECTED_TABLE = Object.freeze({
  keySchema: definition.Properties.KeySchema as readonly KeySchemaElement[],
  attributeTypes: new Map(definition.Properties.AttributeDefinitions.map((a) => [a.AttributeName, a.AttributeType])),
  indexes: definition.Properties.GlobalSecondaryIndexes as readonly ExpectedIndex[],
});

/**
 * describeTrackingTable reads the deployed table; undefined when there is none by that name.
 * @throws TrackingStoreError for any other failure (access denied, network), saying what to do.
 */
export async function describeTrackingTable(client: DynamoDBClient, tableName: string, signal?: AbortSignal): Promise<TableDescription | undefined> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }), { abortSignal: signal });
    return out.Table;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw toStoreError(error, 'be described (DescribeTable)', tableName);
  }
}

/**
 * tableShapeProblems lists every way `table` differs from the definition in what the adapter
 * relies on — key schema, key attribute types, the index and its keys, ACTIVE status — one
 * sentence each; empty when it matches.
 */
export function tableShapeProblems(table: TableDescription): string[] {
  const problems: string[] = [];
  const types = new Map((table.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
  const keysDiffer = (actual: readonly KeySchemaElement[] | undefined, expected: readonly KeySchemaElement[]): boolean =>
    formatKeys(actual ?? []) !== formatKeys(expected);
  if (keysDiffer(table.KeySchema, EXPECTED_TABLE.keySchema)) {
    problems.push(`its key is ${formatKeys(table.KeySchema ?? [])}, expected ${formatKeys(EXPECTED_TABLE.keySchema)}`);
  }
  for (const expected of EXPECTED_TABLE.indexes) {
    const index = table.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === expected.IndexName);
    if (index === undefined) problems.push(`it has no index ${expected.IndexName} (${formatKeys(expected.KeySchema)})`);
    else if (keysDiffer(index.KeySchema, expected.KeySchema)) {
      problems.push(`index ${expected.IndexName} is keyed ${formatKeys(index.KeySchema ?? [])}, expected ${formatKeys(expected.KeySchema)}`);
    } else if (index.IndexStatus !== undefined && index.IndexStatus !== 'ACTIVE') {
      problems.push(`index ${expected.IndexName} is ${index.IndexStatus}, not ACTIVE yet`);
    }
  }
  const keyAttributes = [EXPECTED_TABLE.keySchema, ...EXPECTED_TABLE.indexes.map((i) => i.KeySchema)].flat().map((k) => k.AttributeName);
  for (const name of new Set(keyAttributes)) {
    const actual = types.get(name);
    const expected = EXPECTED_TABLE.attributeTypes.get(name ?? '');
    if (actual !== undefined && actual !== expected) problems.push(`attribute ${name} is of type ${actual}, expected ${expected}`);
  }
  if (table.TableStatus !== undefined && table.TableStatus !== 'ACTIVE') problems.push(`it is ${table.TableStatus}, not ACTIVE yet`);
  return problems;
}

/** formatKeys prints a key schema as `executionArn (HASH) + objectKey (RANGE)`. */
function formatKeys(keys: readonly KeySchemaElement[]): string {
  return keys.length === 0 ? 'nothing' : keys.map((k) => `${k.AttributeName} (${k.KeyType})`).join(' + ');
}
