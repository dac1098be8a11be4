/**
 * What every table operation needs: the DocumentClient, the table and the request's signal.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TrackingConflictError } from '../../errors.js';
import type { TrackingRecord } from '../../model/tracking.js';
import { namesIn } from './expressions.js';
import { decodeRawItem, recordFromItem, TABLE_SCHEMA } from './rows.js';
import { isConditionalCheckFailed } from './store-error.js';

/** TableCall is the context of one store call. @internal */
export interface TableCall {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * documentClientOf wraps a DynamoDB client for the table's adapters (a DocumentClient is used as
 * given). Undefined attributes are left out of a written item instead of failing the write: rows
 * are written from objects whose optional fields may be undefined. @internal
 */
export function documentClientOf(client: DynamoDBClient | DynamoDBDocumentClient): DynamoDBDocumentClient {
  return client instanceof DynamoDBDocumentClient ? client : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** sendOptions passes the call's signal to `send`, so a deadline cancels the request. @internal */
export function sendOptions(call: TableCall): { abortSignal?: AbortSignal } {
  return call.signal ? { abortSignal: call.signal } : {};
}

/** rowKey is the primary key of one row. @internal */
export function rowKey(executionArn: string, objectKey: string): Record<string, string> {
  return { [TABLE_SCHEMA.partitionKey]: executionArn, [TABLE_SCHEMA.sortKey]: objectKey };
}

/** unlessConditionFails resolves to `fallback` when the conditional write lost; other errors pass. @internal */
export async function unlessConditionFails<T, F>(write: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await write;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return fallback;
    throw error;
  }
}

/**
 * orConflict runs a conditional write on an object row; when it loses, it throws a
 * TrackingConflictError carrying the row that won. Real DynamoDB returns that row with the
 * exception (we ask for it with ReturnValuesOnConditionCheckFailure); dynalite does not, so then
 * it is read back consistently, which may already show a later state: the caller re-plans from
 * it either way.
 * @internal
 */
export async function orConflict<T>(call: TableCall, executionArn: string, key: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const existing = error.Item ? recordFromItem(decodeRawItem(error.Item)) : await readRecord(call, executionArn, key);
    throw new TrackingConflictError(key, existing, { cause: error });
  }
}

/** readRecord reads one object row with a consistent read. @internal */
export async function readRecord(call: TableCall, executionArn: string, key: string): Promise<TrackingRecord | undefined> {
  const out = await call.doc.send(
    new GetCommand({ TableName: call.tableName, Key: rowKey(executionArn, key), ConsistentRead: true }),
    sendOptions(call),
  );
  return out.Item ? recordFromItem(out.Item) : undefined;
}

/**
 * executionRowPages queries every row of one execution (meta row included) in key order, one
 * page of at most `pageSize` items at a time, with consistent reads: memory stays flat for
 * executions of any size. `projection` names the attributes to read (all when absent). @internal
 */
export async function* executionRowPages(
  call: TableCall,
  executionArn: string,
  pageSize: number,
  projection?: string,
): AsyncGenerator<Record<string, unknown>[]> {
  const keyCondition = `#${TABLE_SCHEMA.partitionKey} = :arn`;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await call.doc.send(
      new QueryCommand({
        TableName: call.tableName,
        KeyConditionExpression: keyCondition,
        ...(projection === undefined ? {} : { ProjectionExpression: projection }),
        ExpressionAttributeNames: projection === undefined ? namesIn(keyCondition) : namesIn(keyCondition, projection),
        ExpressionAttributeValues: { ':arn': executionArn },
        ConsistentRead: true,
        Limit: pageSize,
        ExclusiveStartKey: startKey,
      }),
      sendOptions(call),
    );
    yield out.Items ?? [];
    startKey = out.LastEvaluatedKey;
  } while (startKey !== undefined);
}
