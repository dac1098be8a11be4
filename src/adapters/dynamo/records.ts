/**
 * Object rows: reading them in bulk, claiming them and moving them through their states
 * (claim, then create: README, "How it works"). Every write is one conditional single-item write.
 */
import { BatchGetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { TrackingStoreError } from '../../errors.js';
import { TrackingState } from '../../model/tracking.js';
import type { EndedAs, PendingRecord, TrackingRecord } from '../../model/tracking.js';
import type { ClaimFailure } from '../../ports.js';
import { forEachConcurrently } from './concurrency.js';
import { namesIn, updateExpression } from './expressions.js';
import { itemFromRecord, META_KEY, recordFromItem, TABLE_SCHEMA } from './rows.js';
import { orConflict, rowKey, sendOptions, unlessConditionFails } from './table-call.js';
import type { TableCall } from './table-call.js';

/** BatchGetItem takes at most 100 keys per request. @internal */
export const BATCH_GET_LIMIT = 100;
/** Rounds for keys DynamoDB leaves unprocessed (it does so under throttling), with doubling pauses. */
const MAX_BATCH_ROUNDS = 5;
const FIRST_BATCH_PAUSE_MS = 25;
const BATCH_CONCURRENCY = 4;

/** getRecords reads object rows by key with consistent reads; missing keys are absent. @internal */
export async function getRecords(
  call: TableCall,
  executionArn: string,
  keys: readonly string[],
): Promise<Map<string, TrackingRecord>> {
  const unique = [...new Set(keys)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) chunks.push(unique.slice(start, start + BATCH_GET_LIMIT));
  const records = new Map<string, TrackingRecord>();
  await forEachConcurrently(chunks, BATCH_CONCURRENCY, async (chunk) => {
    for (const record of await getChunk(call, executionArn, chunk)) records.set(record.key, record);
  });
  return records;
}

async function getChunk(call: TableCall, executionArn: string, keys: readonly string[]): Promise<TrackingRecord[]> {
  const items = await batchGetChunk(call, keys.map((key) => rowKey(executionArn, key)), { consistent: true, what: `rows of ${executionArn}` });
  return items.map(recordFromItem);
}

/**
 * batchGetChunk reads up to 100 rows by key in one BatchGetItem, going round for the keys
 * DynamoDB leaves unprocessed (it does so under throttling) with doubling pauses. `projection`
 * lists the attributes to return (all when absent). @internal
 */
export async function batchGetChunk(
  call: TableCall,
  keys: readonly Record<string, unknown>[],
  options: { readonly consistent: boolean; readonly what: string; readonly projection?: readonly string[] },
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const projection = options.projection?.map((name) => `#${name}`).join(', ');
  let pending: Record<string, unknown>[] = [...keys];
  for (let round = 0; round < MAX_BATCH_ROUNDS && pending.length > 0; round += 1) {
    if (round > 0) await sleep(FIRST_BATCH_PAUSE_MS * 2 ** (round - 1), undefined, { signal: call.signal });
    const request = {
      Keys: pending,
      ConsistentRead: options.consistent,
      ...(projection === undefined ? {} : { ProjectionExpression: projection, ExpressionAttributeNames: namesIn(projection) }),
    };
    const out = await call.doc.send(new BatchGetCommand({ RequestItems: { [call.tableName]: request } }), sendOptions(call));
    found.push(...(out.Responses?.[call.tableName] ?? []));
    pending = out.UnprocessedKeys?.[call.tableName]?.Keys ?? [];
  }
  if (pending.length > 0) {
    throw new TrackingStoreError(
      `Tracking table "${call.tableName}" left ${pending.length} ${options.what} unread after ${MAX_BATCH_ROUNDS} rounds ` +
        '(throttled). The invocation will be retried; if this persists, check the table for throttling.',
      { retryable: true },
    );
  }
  return found;
}

/** claim puts a PENDING row unless a live claim or a later state is there. @internal */
export async function claim(
  call: TableCall,
  record: PendingRecord,
  now: number,
): Promise<TrackingRecord | undefined> {
  assertObjectKey(record.key);
  // A PENDING row may be taken over when its lease lapsed (a missing expiry counts as lapsed,
  // as in isLeaseLapsed) or when the same owner claims again (its own retry).
  const takeover = ['attribute_not_exists(#leaseExpiresAt)', '#leaseExpiresAt <= :now'];
  const values: Record<string, unknown> = { ':pending': TrackingState.PENDING, ':now': now };
  if (record.leaseOwner !== undefined) {
    takeover.push('#leaseOwner = :owner');
    values[':owner'] = record.leaseOwner;
  }
  const condition = `attribute_not_exists(#objectKey) OR (#state = :pending AND (${takeover.join(' OR ')}))`;
  const out = await orConflict(
    call,
    record.executionArn,
    record.key,
    call.doc.send(
      new PutCommand({
        TableName: call.tableName,
        Item: itemFromRecord(record),
        ConditionExpression: condition,
        ExpressionAttributeNames: namesIn(condition),
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
      sendOptions(call),
    ),
  );
  return out.Attributes ? recordFromItem(out.Attributes) : undefined;
}

/**
 * markCreated: PENDING → CREATED with the oVirt id. Repeating it with the same id is a no-op; a
 * CREATED row with another id is a conflict (someone else's object must not be forgotten). With
 * `owner`, a PENDING row is only recorded while that owner still holds its claim: a claim taken
 * over meanwhile is reported as a conflict, never recorded silently.
 * @internal
 */
export async function markCreated(call: TableCall, executionArn: string, key: string, ovirtId: string, owner?: string): Promise<void> {
  const pending = owner === undefined ? '#state = :pending' : '(#state = :pending AND #leaseOwner = :owner)';
  await transition(call, executionArn, key, {
    set: ['#state = :created', '#ovirtId = :ovirtId'],
    condition: `${pending} OR (#state = :created AND #ovirtId = :ovirtId)`,
    values: {
      ':pending': TrackingState.PENDING,
      ':created': TrackingState.CREATED,
      ':ovirtId': ovirtId,
      ...(owner === undefined ? {} : { ':owner': owner }),
    },
  });
}

/** renewClaim moves the lease of a PENDING row `owner` still holds; false when it no longer does. @internal */
export function renewClaim(call: TableCall, executionArn: string, key: string, owner: string, leaseExpiresAt: number): Promise<boolean> {
  return updateHeldClaim(call, executionArn, key, owner, ['#leaseExpiresAt = :expires'], { ':expires': leaseExpiresAt });
}

/** recordClaimFailure stores why `owner`'s attempt failed on the PENDING row it holds; false when it no longer does. @internal */
export function recordClaimFailure(
  call: TableCall,
  executionArn: string,
  key: string,
  owner: string,
  failure: ClaimFailure,
): Promise<boolean> {
  return updateHeldClaim(call, executionArn, key, owner, ['#lastErrorName = :errorName', '#lastError = :error'], {
    ':errorName': failure.name,
    ':error': failure.message.slice(0, MAX_ERROR_LENGTH),
  });
}

/** A stored error message is cut to this length: enough to act on, far from the item size limit. */
const MAX_ERROR_LENGTH = 2000;

async function updateHeldClaim(
  call: TableCall,
  executionArn: string,
  key: string,
  owner: string,
  set: readonly string[],
  values: Record<string, unknown>,
): Promise<boolean> {
  assertObjectKey(key);
  const update = updateExpression({ set });
  const condition = '#state = :pending AND #leaseOwner = :owner';
  return unlessConditionFails(
    call.doc
      .send(
        new UpdateCommand({
          TableName: call.tableName,
          Key: rowKey(executionArn, key),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: namesIn(update, condition),
          ExpressionAttributeValues: { ...values, ':pending': TrackingState.PENDING, ':owner': owner },
        }),
        sendOptions(call),
      )
      .then(() => true),
    false,
  );
}

/** markEnded: CREATED → ENDED; repeating it with the same outcome is a no-op. @internal */
export async function markEnded(
  call: TableCall,
  executionArn: string,
  key: string,
  endedAs: EndedAs,
): Promise<void> {
  await transition(call, executionArn, key, {
    set: ['#state = :ended', '#endedAs = :endedAs'],
    condition: '#state = :created OR (#state = :ended AND #endedAs = :endedAs)',
    values: { ':created': TrackingState.CREATED, ':ended': TrackingState.ENDED, ':endedAs': endedAs },
  });
}

/** markGone: any existing row → GONE (oVirt dropped the object; it is never recreated). @internal */
export async function markGone(call: TableCall, executionArn: string, key: string): Promise<void> {
  await transition(call, executionArn, key, {
    set: ['#state = :gone'],
    condition: 'attribute_exists(#objectKey)',
    values: { ':gone': TrackingState.GONE },
  });
}

/** Every transition leaves PENDING behind, so the claim's lease attributes and its last error go with it. */
async function transition(
  call: TableCall,
  executionArn: string,
  key: string,
  change: { set: readonly string[]; condition: string; values: Record<string, unknown> },
): Promise<void> {
  assertObjectKey(key);
  const update = updateExpression({ set: change.set, remove: ['#leaseOwner', '#leaseExpiresAt', '#lastErrorName', '#lastError'] });
  await orConflict(
    call,
    executionArn,
    key,
    call.doc.send(
      new UpdateCommand({
        TableName: call.tableName,
        Key: rowKey(executionArn, key),
        UpdateExpression: update,
        ConditionExpression: change.condition,
        ExpressionAttributeNames: namesIn(update, change.condition),
        ExpressionAttributeValues: change.values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
      sendOptions(call),
    ),
  );
}

function assertObjectKey(key: string): void {
  if (key === META_KEY || key.length === 0) {
    throw new TrackingStoreError(
      `"${key}" cannot be the key of an object row (${TABLE_SCHEMA.sortKey} "${META_KEY}" is the execution's meta row). ` +
        'This is a bug in object-key derivation; report it.',
    );
  }
}
