/**
 * Whole-execution operations: the sweep's view of open executions (and of which executions the
 * table knows, for discovery), and expiry of finished ones.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenExecution } from '../../ports.js';
import { forEachConcurrently } from './concurrency.js';
import { namesIn } from './expressions.js';
import { batchGetChunk, BATCH_GET_LIMIT } from './records.js';
import { META_KEY, OPEN_SHARD, openExecutionFromItem, TABLE_SCHEMA } from './rows.js';
import { executionRowPages, rowKey, sendOptions, unlessConditionFails } from './table-call.js';
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
export function listOpen(call: TableCall, limit: number): Promise<OpenExecution[]> {
  return queryOpen(call, limit, undefined);
}

/**
 * listDue is listOpen restricted to keys ≤ `now`: executions backing off after a failed sync
 * (key = next attempt, in the future) are left out by the key condition itself, so however
 * many there are, they cost the sweep nothing until they are due. @internal
 */
export function listDue(call: TableCall, limit: number, now: number): Promise<OpenExecution[]> {
  return queryOpen(call, limit, now);
}

async function queryOpen(call: TableCall, limit: number, dueBy: number | undefined): Promise<OpenExecution[]> {
  const open: OpenExecution[] = [];
  let startKey: Record<string, unknown> | undefined;
  const partition = `#${TABLE_SCHEMA.openIndexPartitionKey} = :open`;
  const condition = dueBy === undefined ? partition : `${partition} AND #${TABLE_SCHEMA.openIndexSortKey} <= :dueBy`;
  const values: Record<string, unknown> = dueBy === undefined ? { ':open': OPEN_SHARD } : { ':open': OPEN_SHARD, ':dueBy': dueBy };
  while (open.length < limit) {
    const out = await call.doc.send(
      new QueryCommand({
        TableName: call.tableName,
        IndexName: TABLE_SCHEMA.openIndexName,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: namesIn(condition),
        ExpressionAttributeValues: values,
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
 * trackedAmong reads the meta rows of these executions (keys only, eventually consistent: a
 * row created a moment ago may be missed, which only costs discovery a visit that finds the
 * execution's lease or syncs it). Read capacity is still charged on each row's full size. @internal
 */
export async function trackedAmong(call: TableCall, executionArns: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(executionArns)];
  const tracked = new Set<string>();
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
    const keys = unique.slice(start, start + BATCH_GET_LIMIT).map((arn) => rowKey(arn, META_KEY));
    const items = await batchGetChunk(call, keys, { consistent: false, what: 'meta rows', projection: [TABLE_SCHEMA.partitionKey] });
    for (const item of items) {
      const arn = item[TABLE_SCHEMA.partitionKey];
      if (typeof arn === 'string') tracked.add(arn);
    }
  }
  return tracked;
}

/**
 * expireExecution sets `expiresAt` on every row of the execution, page by page. It uses one
 * UpdateItem per row rather than BatchWriteItem: a batch put would replace whole items without a
 * condition, so it would need the full rows (the meta row carries the checkpoint) and could
 * overwrite a lease or state written in the meantime. The update touches one attribute and only
 * rows that still exist (a row deleted meanwhile is not resurrected as a bare key). @internal
 */
export async function expireExecution(call: TableCall, executionArn: string, expiresAtEpochSeconds: number): Promise<void> {
  for await (const page of executionRowPages(call, executionArn, EXPIRE_PAGE_SIZE, `#${TABLE_SCHEMA.sortKey}`)) {
    const keys = page.map((item): unknown => item[TABLE_SCHEMA.sortKey]).filter((key): key is string => typeof key === 'string');
    await forEachConcurrently(keys, EXPIRE_CONCURRENCY, (key) => setExpiry(call, executionArn, key, expiresAtEpochSeconds));
  }
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
