/**
 * Reading one execution as a whole, for the operator command (`status`, `backfill`): its meta
 * row, and all of its object rows page by page. The reconciler never needs these (it reads the
 * meta row through the lease and object rows by key), so they carry no write conditions.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TrackingRecord } from '../../model/tracking.js';
import type { ExecutionMeta } from '../../ports.js';
import { META_KEY, metaFromItem, recordFromItem, TABLE_SCHEMA } from './rows.js';
import { executionRowPages, rowKey, sendOptions } from './table-call.js';
import type { TableCall } from './table-call.js';

/** Rows read per query page: bounded memory per request for executions of any size. */
const ROWS_PAGE_SIZE = 500;

/** getMeta reads the meta row with a consistent read; undefined when there is none. @internal */
export async function getMeta(call: TableCall, executionArn: string): Promise<ExecutionMeta | undefined> {
  const out = await call.doc.send(
    new GetCommand({ TableName: call.tableName, Key: rowKey(executionArn, META_KEY), ConsistentRead: true }),
    sendOptions(call),
  );
  return out.Item === undefined ? undefined : metaFromItem(out.Item);
}

/** listRecords queries every object row of the execution in key order, leaving the meta row out. @internal */
export async function listRecords(call: TableCall, executionArn: string): Promise<TrackingRecord[]> {
  const records: TrackingRecord[] = [];
  for await (const page of executionRowPages(call, executionArn, ROWS_PAGE_SIZE)) {
    for (const item of page) if (item[TABLE_SCHEMA.sortKey] !== META_KEY) records.push(recordFromItem(item));
  }
  return records;
}
