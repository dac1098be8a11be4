/**
 * Whole-execution operations: the sweep's view of open executions, and expiry of finished ones.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenExecution } from '../../ports.js';
import { forEachConcurrently } from './concurrency.js';
import { namesIn } from './expressions.js';
import { OPEN_SHARD, openExecutionFromItem, TABLE_SCHEMA } from './rows.js';
import { rowKey, sendOptions, unlessConditionFails } from './table-call.js';
import type { TableCall } from './table-call.js';

/** Row updates in flight during expireExecution: fast for big executions, gentle on on-demand capacity. */
const EXPIRE_CONCURRENCY = 8;
/** Keys read per page in expireExecution, so memory stays flat for executions of any size. */
const EXPIRE_PAGE_SIZE = 100;

/**
 * listOpen queries the sparse `open-executions` index, oldest `lastSyncedAt` first. The index
 * is eventually consistent: an execution closed a moment ago may still be listed once, which
 * only costs the sweep a no-op round. @internal
 */
export async function listOpen(call: TableCall, limit: number): Promise<OpenExecution[]> {
  const open: OpenExecution[] = [];
  let startKey: Record<string, unknown> | undefined;
  const condition = `#${TABLE_SCHEMA.openIndexPartitionKey} = :open`;
  while (open.length < limit) {
    const out = await call.doc.send(
      new QueryCommand({
        TableName: call.tableName,
        IndexName: TABLE_SCHEMA.openIndexName,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: namesIn(condition),
        ExpressionAttributeValues: { ':open': OPEN_SHARD },
        ScanIndexForward: true,
        Limit: limit - open.length,
        ExclusiveStartKey: startKey,
      }),
      sendOptions(call),
    );
    for (const item of out.Items ?? []) open.push(openExecutionFromItem(item));
    startKey = out.LastEvaluatedKey;
    if (startKey === undefined) break;
  }
  return open;
}

/**
 * expireExecution sets `expiresAt` on every row of the execution, page by page. It uses one
 * UpdateItem per row rather than BatchWriteItem: a batch put would replace whole items without a
 * condition, so it would need the full rows (the meta row carries the checkpoint) and could
 * overwrite a lease or state written in the meantime. The update touches one attribute and only
 * rows that still exist (a row deleted meanwhile is not resurrected as a bare key). @internal
 */
export async function expireExecution(call: TableCall, executionArn: string, expiresAtEpochSeconds: number): Promise<void> {
  const keyCondition = `#${TABLE_SCHEMA.partitionKey} = :arn`;
  const projection = `#${TABLE_SCHEMA.sortKey}`;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await call.doc.send(
      new QueryCommand({
        TableName: call.tableName,
        KeyConditionExpression: keyCondition,
        ProjectionExpression: projection,
        ExpressionAttributeNames: namesIn(keyCondition, projection),
        ExpressionAttributeValues: { ':arn': executionArn },
        ConsistentRead: true,
        Limit: EXPIRE_PAGE_SIZE,
        ExclusiveStartKey: startKey,
      }),
      sendOptions(call),
    );
    const keys = (out.Items ?? [])
      .map((item): unknown => item[TABLE_SCHEMA.sortKey])
      .filter((key): key is string => typeof key === 'string');
    await forEachConcurrently(keys, EXPIRE_CONCURRENCY, (key) => setExpiry(call, executionArn, key, expiresAtEpochSeconds));
    startKey = out.LastEvaluatedKey;
  } while (startKey !== undefined);
}

async function setExpiry(call: TableCall, executionArn: string, key: string, expiresAt: number): Promise<void> {
  const update = `SET #${TABLE_SCHEMA.ttlAttribute} = :expiresAt`;
  const condition = `attribute_exists(#${TABLE_SCHEMA.sortKey})`;
  await unlessConditionFails(
    call.doc.send(
      new UpdateCommand({
        TableName: call.tableName,
        Key: rowKey(executionArn, key),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: namesIn(update, condition),
        ExpressionAttributeValues: { ':expiresAt': expiresAt },
      }),
      sendOptions(call),
    ),
    undefined,
  );
}
