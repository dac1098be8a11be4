/**
 * DynamoDB item sizes, counted the way DynamoDB bills and limits them (400 KB per item): each
 * attribute's name in UTF-8 bytes plus its value — strings in UTF-8 bytes, numbers about one
 * byte per two significant digits plus one, binaries in bytes, booleans and nulls one byte,
 * lists and maps three bytes plus one per element plus their elements.
 */
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { META_KEY, TABLE_SCHEMA } from '../../src/adapters/dynamo/rows.js';

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** itemSize returns the size of one item in bytes. */
export function itemSize(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + valueSize(value);
  return size;
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + valueSize({ N: n }), 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + valueSize(v), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + utf8(k) + valueSize(v), 0);
  return 0;
}

/** largestItem scans a table and returns the size of its largest item and the number of items. */
export async function largestItem(client: DynamoDBClient, tableName: string): Promise<{ bytes: number; items: number }> {
  let bytes = 0;
  let items = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      items += 1;
      bytes = Math.max(bytes, itemSize(item));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { bytes, items };
}

/** metaRowSize reads an execution's meta row (checkpoint included) and returns its size, 0 when absent. */
export async function metaRowSize(client: DynamoDBClient, tableName: string, executionArn: string): Promise<number> {
  const out = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { [TABLE_SCHEMA.partitionKey]: { S: executionArn }, [TABLE_SCHEMA.sortKey]: { S: META_KEY } },
      ConsistentRead: true,
    }),
  );
  return out.Item === undefined ? 0 : itemSize(out.Item);
}
