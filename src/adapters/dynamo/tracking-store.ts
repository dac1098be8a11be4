/**
 * DynamoTrackingStore implements the TrackingStore port over the tracking table (schema in
 * README.md and tracking-table.json). It only translates: the lifecycle rules live in src/apply.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EndedAs, PendingRecord, TrackingRecord } from '../../model/tracking.js';
import type { ClaimFailure, ExecutionMeta, ExpressAdmission, MetaProgress, OpenExecution, SaveResult, SyncFailure, TrackingStore } from '../../ports.js';
import * as executionRows from './execution-rows.js';
import * as expressCap from './express-cap.js';
import * as lease from './lease.js';
import * as records from './records.js';
import { toStoreError } from './store-error.js';
import * as sweep from './sweep.js';
import { documentClientOf } from './table-call.js';
import type { TableCall } from './table-call.js';

/** DynamoTrackingStoreOptions: an injected client (plain or Document) and the table's name. */
export interface DynamoTrackingStoreOptions {
  readonly client: DynamoDBClient | DynamoDBDocumentClient;
  readonly tableName: string;
}

/**
 * DynamoTrackingStore is the TrackingStore over DynamoDB, single-item conditional writes only.
 * Every method also takes an optional trailing AbortSignal, passed to each SDK call; failures
 * come out as TrackingStoreError (retryable or not) or TrackingConflictError.
 * @example
 * const store = new DynamoTrackingStore({ client: createDynamoClient({ region }), tableName });
 * const meta = await store.acquireLease(arn, owner, Date.now(), 60_000, signal);
 */
export class DynamoTrackingStore implements TrackingStore {
  readonly tableName: string;
  private readonly doc: DynamoDBDocumentClient;

  constructor(options: DynamoTrackingStoreOptions) {
    this.tableName = options.tableName;
    this.doc = documentClientOf(options.client);
  }

  acquireLease(executionArn: string, owner: string, now: number, leaseMs: number, signal?: AbortSignal): Promise<ExecutionMeta | null> {
    return this.run(`acquire the lease of ${executionArn}`, signal, (call) =>
      lease.acquireLease(call, executionArn, owner, now, leaseMs),
    );
  }

  tryAcquireLease(executionArn: string, owner: string, now: number, leaseMs: number, signal?: AbortSignal): Promise<ExecutionMeta | null> {
    return this.run(`take the lease of ${executionArn}`, signal, (call) => lease.tryAcquireLease(call, executionArn, owner, now, leaseMs));
  }

  saveProgress(
    executionArn: string,
    owner: string,
    seenRequests: number | null,
    progress: MetaProgress,
    now: number,
    leaseMs: number,
    signal?: AbortSignal,
  ): Promise<SaveResult> {
    return this.run(`save the progress of ${executionArn}`, signal, (call) =>
      lease.saveProgress(call, executionArn, owner, seenRequests, progress, now, leaseMs),
    );
  }

  markOpen(executionArn: string, owner: string, now: number, signal?: AbortSignal): Promise<boolean> {
    return this.run(`mark ${executionArn} open`, signal, (call) => lease.markOpen(call, executionArn, owner, now));
  }

  releaseLease(executionArn: string, owner: string, signal?: AbortSignal): Promise<void> {
    return this.run(`release the lease of ${executionArn}`, signal, (call) => lease.releaseLease(call, executionArn, owner));
  }

  getRecords(executionArn: string, keys: readonly string[], signal?: AbortSignal): Promise<Map<string, TrackingRecord>> {
    return this.run(`read the rows of ${executionArn}`, signal, (call) => records.getRecords(call, executionArn, keys));
  }

  claim(record: PendingRecord, now: number, signal?: AbortSignal): Promise<TrackingRecord | undefined> {
    return this.run(`claim row ${record.key} of ${record.executionArn}`, signal, (call) => records.claim(call, record, now));
  }

  renewClaim(executionArn: string, key: string, owner: string, leaseExpiresAt: number, signal?: AbortSignal): Promise<boolean> {
    return this.run(`renew the claim of row ${key} of ${executionArn}`, signal, (call) =>
      records.renewClaim(call, executionArn, key, owner, leaseExpiresAt),
    );
  }

  recordClaimFailure(
    executionArn: string,
    key: string,
    owner: string,
    failure: ClaimFailure,
    signal?: AbortSignal,
  ): Promise<boolean> {
    return this.run(`record the failure on row ${key} of ${executionArn}`, signal, (call) =>
      records.recordClaimFailure(call, executionArn, key, owner, failure),
    );
  }

  markCreated(executionArn: string, key: string, ovirtId: string, signal?: AbortSignal, owner?: string): Promise<void> {
    return this.run(`mark row ${key} of ${executionArn} created`, signal, (call) =>
      records.markCreated(call, executionArn, key, ovirtId, owner),
    );
  }

  markEnded(executionArn: string, key: string, endedAs: EndedAs, signal?: AbortSignal): Promise<void> {
    return this.run(`mark row ${key} of ${executionArn} ended`, signal, (call) =>
      records.markEnded(call, executionArn, key, endedAs),
    );
  }

  markGone(executionArn: string, key: string, signal?: AbortSignal): Promise<void> {
    return this.run(`mark row ${key} of ${executionArn} gone`, signal, (call) => records.markGone(call, executionArn, key));
  }

  listOpen(limit: number, signal?: AbortSignal): Promise<OpenExecution[]> {
    return this.run('list open executions', signal, (call) => sweep.listOpen(call, limit));
  }

  listDue(limit: number, now: number, signal?: AbortSignal): Promise<OpenExecution[]> {
    return this.run('list open executions due for the sweep', signal, (call) => sweep.listDue(call, limit, now));
  }

  releaseAfterFailure(executionArn: string, owner: string, failure: SyncFailure, signal?: AbortSignal): Promise<boolean> {
    return this.run(`record a failed sync of ${executionArn}`, signal, (call) => lease.releaseAfterFailure(call, executionArn, owner, failure));
  }

  trackedAmong(executionArns: readonly string[], signal?: AbortSignal): Promise<Set<string>> {
    return this.run(`look up ${executionArns.length} executions in the table`, signal, (call) => sweep.trackedAmong(call, executionArns));
  }

  expireExecution(executionArn: string, expiresAtEpochSeconds: number, signal?: AbortSignal): Promise<void> {
    return this.run(`set the expiry of ${executionArn}`, signal, (call) =>
      sweep.expireExecution(call, executionArn, expiresAtEpochSeconds),
    );
  }

  getMeta(executionArn: string, signal?: AbortSignal): Promise<ExecutionMeta | undefined> {
    return this.run(`read the meta row of ${executionArn}`, signal, (call) => executionRows.getMeta(call, executionArn));
  }

  listRecords(executionArn: string, signal?: AbortSignal): Promise<TrackingRecord[]> {
    return this.run(`list the rows of ${executionArn}`, signal, (call) => executionRows.listRecords(call, executionArn));
  }

  countExpressExecution(windowKey: string, cap: number, dueAt: number, expiresAtEpochSeconds: number, signal?: AbortSignal): Promise<ExpressAdmission> {
    return this.run(`count an Express execution in cap window ${windowKey}`, signal, (call) =>
      expressCap.countExpressExecution(call, windowKey, cap, dueAt, expiresAtEpochSeconds),
    );
  }

  /** Runs one operation with its call context and classifies whatever it throws. */
  private async run<T>(action: string, signal: AbortSignal | undefined, operation: (call: TableCall) => Promise<T>): Promise<T> {
    try {
      return await operation({ doc: this.doc, tableName: this.tableName, signal });
    } catch (error) {
      throw toStoreError(error, action, this.tableName);
    }
  }
}
