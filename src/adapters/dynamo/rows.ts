/**
 * Rows of the tracking table and their translation to the model. The attribute names here
 * must match `tracking-table.json` (keys, index, TTL attribute); a unit test holds them together.
 * See README.md in this folder for the schema.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TrackingStoreError } from '../../errors.js';
import { TrackingState } from '../../model/tracking.js';
import type { TrackingRecord } from '../../model/tracking.js';
import type { ExecutionMeta, OpenExecution, SyncFailure } from '../../ports.js';

/** TABLE_SCHEMA names the key, index and TTL attributes declared in `tracking-table.json`. */
export const TABLE_SCHEMA = Object.freeze({
  partitionKey: 'executionArn',
  sortKey: 'objectKey',
  openIndexName: 'open-executions',
  openIndexPartitionKey: 'openShard',
  openIndexSortKey: 'lastSyncedAt',
  ttlAttribute: 'expiresAt',
} as const);

/** META_KEY is the sort key of an execution's meta row; no object row may use it. */
export const META_KEY = 'meta';

/** OPEN_SHARD is the value of `openShard` on meta rows of executions with an open job (the sparse index's only partition). */
export const OPEN_SHARD = 'OPEN';

/** Item is one row as the DocumentClient returns it. */
export type Item = Record<string, unknown>;

const TRACKING_STATES: ReadonlySet<string> = new Set(Object.values(TrackingState));

/** metaFromItem turns a meta row into ExecutionMeta. */
export function metaFromItem(item: Item): ExecutionMeta {
  return {
    executionArn: requireString(item, TABLE_SCHEMA.partitionKey),
    cursor: optionalNumber(item, 'cursor') ?? 0,
    checkpoint: optionalString(item, 'checkpoint'),
    historyToken: optionalString(item, 'historyToken'),
    status: optionalString(item, 'status'),
    redriveCount: optionalNumber(item, 'redriveCount') ?? 0,
    stateMachineArn: optionalString(item, 'stateMachineArn'),
    startDate: optionalNumber(item, 'startDate'),
    open: item[TABLE_SCHEMA.openIndexPartitionKey] !== undefined,
    requests: optionalNumber(item, 'requests') ?? 0,
    leaseOwner: optionalString(item, 'leaseOwner'),
    leaseExpiresAt: optionalNumber(item, 'leaseExpiresAt'),
    lastSyncedAt: optionalNumber(item, TABLE_SCHEMA.openIndexSortKey),
    failure: failureFromItem(item),
    expressState: optionalString(item, 'expressState'),
    heldEvents: optionalString(item, 'heldEvents'),
    notMirrored: optionalNumber(item, 'notMirrored'),
  };
}

/**
 * failureFromItem reads the failure record of a meta row. Its next attempt is the sweep index
 * key itself (one fact): the execution is looked at again once the key is due.
 */
function failureFromItem(item: Item): SyncFailure | undefined {
  const failures = optionalNumber(item, 'syncFailures');
  if (failures === undefined) return undefined;
  const open = item[TABLE_SCHEMA.openIndexPartitionKey] !== undefined;
  return {
    failures,
    errorName: optionalString(item, 'lastErrorName') ?? 'Error',
    errorMessage: optionalString(item, 'lastError') ?? '',
    failedAt: optionalNumber(item, 'lastFailedAt') ?? 0,
    nextAttemptAt: open ? (optionalNumber(item, TABLE_SCHEMA.openIndexSortKey) ?? null) : null,
  };
}

/** recordFromItem turns an object row into a TrackingRecord; an unknown state is a corrupt row. */
export function recordFromItem(item: Item): TrackingRecord {
  const key = requireString(item, TABLE_SCHEMA.sortKey);
  const state = requireString(item, 'state');
  if (!TRACKING_STATES.has(state)) {
    throw new TrackingStoreError(
      `Tracking row ${key} has the unknown state "${state}". Fix or delete the row; the reconciler only writes ${[...TRACKING_STATES].join(', ')}.`,
    );
  }
  const endedAs = optionalString(item, 'endedAs');
  return {
    executionArn: requireString(item, TABLE_SCHEMA.partitionKey),
    key,
    state: state as TrackingState,
    ovirtId: optionalString(item, 'ovirtId'),
    leaseOwner: optionalString(item, 'leaseOwner'),
    leaseExpiresAt: optionalNumber(item, 'leaseExpiresAt'),
    description: optionalString(item, 'description'),
    parentKey: optionalString(item, 'parentKey'),
    correlationId: optionalString(item, 'correlationId'),
    endedAs: endedAs === 'finished' || endedAs === 'failed' ? endedAs : undefined,
    lastErrorName: optionalString(item, 'lastErrorName'),
    lastError: optionalString(item, 'lastError'),
  };
}

/** itemFromRecord is the full object row of a record (undefined fields are left out by the client). */
export function itemFromRecord(record: TrackingRecord): Item {
  return {
    [TABLE_SCHEMA.partitionKey]: record.executionArn,
    [TABLE_SCHEMA.sortKey]: record.key,
    state: record.state,
    ovirtId: record.ovirtId,
    leaseOwner: record.leaseOwner,
    leaseExpiresAt: record.leaseExpiresAt,
    description: record.description,
    parentKey: record.parentKey,
    correlationId: record.correlationId,
    endedAs: record.endedAs,
    lastErrorName: record.lastErrorName,
    lastError: record.lastError,
  };
}

/** openExecutionFromItem reads one entry of the sweep index. */
export function openExecutionFromItem(item: Item): OpenExecution {
  return {
    executionArn: requireString(item, TABLE_SCHEMA.partitionKey),
    lastSyncedAt: optionalNumber(item, TABLE_SCHEMA.openIndexSortKey) ?? 0,
  };
}

/**
 * decodeRawItem decodes a low-level attribute map (the `Item` of a ConditionalCheckFailedException,
 * which the DocumentClient leaves marshalled). Rows hold only strings and numbers, so only S and
 * N are read; this spares a direct dependency on @aws-sdk/util-dynamodb for two attribute types.
 * @internal
 */
export function decodeRawItem(raw: Record<string, AttributeValue>): Item {
  const item: Item = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value.S !== undefined) item[name] = value.S;
    else if (value.N !== undefined) item[name] = Number(value.N);
  }
  return item;
}

function requireString(item: Item, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') {
    throw new TrackingStoreError(`A tracking row has no string attribute "${name}"; the row is corrupt. Delete it so it is rebuilt.`);
  }
  return value;
}

function optionalString(item: Item, name: string): string | undefined {
  const value = item[name];
  return typeof value === 'string' ? value : undefined;
}

function optionalNumber(item: Item, name: string): number | undefined {
  const value = item[name];
  return typeof value === 'number' ? value : undefined;
}
