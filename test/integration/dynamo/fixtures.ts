/**
 * Shared fixtures of the tracking-table integration tests: unique ARNs, progress values and
 * direct reads of stored rows (to check end state, not calls).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { MetaProgress } from '../../../src/ports.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';

/** newArn returns an execution ARN no other test uses. */
export function newArn(label = 'run'): string {
  return `arn:aws:states:eu-west-1:123456789012:execution:pipeline:${label}-${randomUUID()}`;
}

/** progress is a plausible MetaProgress with overrides. */
export function progress(overrides: Partial<MetaProgress> = {}): MetaProgress {
  return {
    cursor: 12,
    checkpoint: '{"open":["job"]}',
    status: 'RUNNING',
    redriveCount: 0,
    stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:pipeline',
    startDate: 1_700_000_000_000,
    open: true,
    ...overrides,
  };
}

/** readRow reads one stored row as it is in the table (consistent read). */
export async function readRow(table: DynaliteTrackingTable, executionArn: string, objectKey: string): Promise<Record<string, unknown> | undefined> {
  const doc = DynamoDBDocumentClient.from(table.client);
  const out = await doc.send(new GetCommand({ TableName: table.tableName, Key: { executionArn, objectKey }, ConsistentRead: true }));
  return out.Item;
}

/** readPartition reads every stored row of one execution. */
export async function readPartition(table: DynaliteTrackingTable, executionArn: string): Promise<Record<string, unknown>[]> {
  const doc = DynamoDBDocumentClient.from(table.client);
  const rows: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'executionArn = :arn',
        ExpressionAttributeValues: { ':arn': executionArn },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    rows.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey !== undefined);
  return rows;
}

/**
 * dynamoItemSize is an item's size by DynamoDB's published rule: for every attribute, the
 * UTF-8 length of its name plus its value's size (strings: UTF-8 bytes; numbers: about one
 * byte per two significant digits plus one). Rows here hold only strings and numbers.
 */
export function dynamoItemSize(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += Buffer.byteLength(name, 'utf8');
    if (value.S !== undefined) size += Buffer.byteLength(value.S, 'utf8');
    else if (value.N !== undefined) size += Math.ceil(value.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
    else throw new Error(`Unexpected attribute type in ${name}: rows hold only S and N.`);
  }
  return size;
}
