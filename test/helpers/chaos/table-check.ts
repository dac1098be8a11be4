/**
 * tableViolations reads every row of an execution (consistent reads) and checks the table-side
 * invariants once a schedule has converged: no PENDING claim left behind, no item near
 * DynamoDB's 400 KB limit, and the execution out of the sweep index (its jobs are all ended).
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMA } from '../../../src/adapters/dynamo/rows.js';
import type { Violation } from './figures.js';

/** DynamoDB's item size limit. */
export const MAX_ITEM_BYTES = 400 * 1024;

/** itemBytes is an item's size as DynamoDB counts it: attribute names plus values (UTF-8). */
export function itemBytes(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name, 'utf8');
    if (value.S !== undefined) bytes += Buffer.byteLength(value.S, 'utf8');
    else if (value.N !== undefined) bytes += Math.ceil(value.N.length / 2) + 1;
    else bytes += Buffer.byteLength(JSON.stringify(value), 'utf8');
  }
  return bytes;
}

/** tableViolations checks the rows of `executionArn`. */
export async function tableViolations(client: DynamoDBClient, tableName: string, executionArn: string): Promise<Violation[]> {
  return (await partitionItems(client, tableName, executionArn)).flatMap((item) => rowViolations(executionArn, item));
}

/** partitionItems reads every stored row of one execution, as raw attribute maps (consistent read). */
export async function partitionItems(client: DynamoDBClient, tableName: string, executionArn: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :arn',
        ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey },
        ExpressionAttributeValues: { ':arn': { S: executionArn } },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

function rowViolations(executionArn: string, item: Record<string, AttributeValue>): Violation[] {
  const key = item[TABLE_SCHEMA.sortKey]?.S ?? '?';
  const found: Violation[] = [];
  const bytes = itemBytes(item);
  if (bytes > MAX_ITEM_BYTES) found.push({ kind: 'oversizeItems', executionArn, detail: `row ${key} is ${bytes} bytes` });
  if (item['state']?.S === 'PENDING') found.push({ kind: 'pendingRows', executionArn, detail: `row ${key} is still PENDING` });
  if (key === 'meta' && item[TABLE_SCHEMA.openIndexPartitionKey] !== undefined) {
    found.push({ kind: 'leftOpen', executionArn, detail: 'the meta row is still in the sweep index after the execution ended' });
  }
  return found;
}
