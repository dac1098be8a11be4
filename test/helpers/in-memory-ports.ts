/**
 * Minimal in-memory fakes of the TrackingStore and OvirtJobs ports for apply/reconcile unit
 * tests. The TrackingStore fake passes the same contract as the DynamoDB adapter
 * (test/contract/tracking-store); FakeOvirt keeps the port's contract (404 → null) but none of
 * the engine's finer semantics: the integration tests use the real simulator for those.
 */
import { randomUUID } from 'node:crypto';
import { assertCheckpointFits } from '../../src/adapters/dynamo/progress-writes.js';
import { META_KEY } from '../../src/adapters/dynamo/rows.js';
import { OvirtHttpError, TrackingConflictError, TrackingStoreError } from '../../src/errors.js';
import type { AddJobInput, AddStepInput, OvirtJob, OvirtStep } from '../../src/model/ovirt.js';
import { isLeaseLapsed } from '../../src/model/tracking.js';
import type { EndedAs, PendingRecord, TrackingRecord } from '../../src/model/tracking.js';
import type {
  ClaimFailure,
  ExecutionMeta,
  ExpressAdmission,
  HistoryBudget,
  MetaProgress,
  OpenExecution,
  OvirtJobs,
  SaveResult,
  SyncFailure,
  TrackingStore,
} from '../../src/ports.js';

export class InMemoryTrackingStore implements TrackingStore {
  readonly rows = new Map<string, TrackingRecord>();
  readonly metas = new Map<string, ExecutionMeta & { lastSyncedAt?: number; expiresAt?: number }>();
  readonly expiries = new Map<string, number>();

  private id = (arn: string, key: string) => `${arn}|${key}`;

  acquireLease(arn: string, owner: string, now: number, leaseMs: number): Promise<ExecutionMeta | null> {
    const meta = this.metas.get(arn) ?? { executionArn: arn, cursor: 0, redriveCount: 0, open: false, requests: 0 };
    const held = meta.leaseOwner !== undefined && meta.leaseOwner !== owner && (meta.leaseExpiresAt ?? 0) > now;
    if (held) {
      // As the table does: a counted request also puts the execution in the sweep index.
      this.metas.set(arn, { ...meta, requests: meta.requests + 1, open: true, lastSyncedAt: meta.lastSyncedAt ?? now });
      return Promise.resolve(null);
    }
    const next = { ...meta, leaseOwner: owner, leaseExpiresAt: now + leaseMs };
    this.metas.set(arn, next);
    return Promise.resolve(this.view(next));
  }

  tryAcquireLease(arn: string, owner: string, now: number, leaseMs: number): Promise<ExecutionMeta | null> {
    const meta = this.metas.get(arn);
    const held = meta?.leaseOwner !== undefined && meta.leaseOwner !== owner && (meta.leaseExpiresAt ?? 0) > now;
    return held ? Promise.resolve(null) : this.acquireLease(arn, owner, now, leaseMs);
  }

  /** view derives the failure's next attempt from the index key, as the table's row reader does. */
  private view(meta: ExecutionMeta): ExecutionMeta {
    if (meta.failure === undefined) return meta;
    return { ...meta, failure: { ...meta.failure, nextAttemptAt: meta.open ? (meta.lastSyncedAt ?? null) : null } };
  }

  saveProgress(arn: string, owner: string, seen: number | null, progress: MetaProgress, now: number, leaseMs: number): Promise<SaveResult> {
    try {
      assertCheckpointFits(arn, progress.checkpoint);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const meta = this.metas.get(arn);
    if (meta?.leaseOwner !== owner) return Promise.resolve({ kind: 'lease-lost' });
    const release = seen !== null && meta.requests === seen;
    this.metas.set(arn, {
      ...meta,
      ...progress,
      expressState: progress.expressState,
      heldEvents: progress.heldEvents,
      lastSyncedAt: now,
      leaseOwner: release ? undefined : owner,
      leaseExpiresAt: release ? undefined : now + leaseMs,
      failure: release ? undefined : meta.failure,
    });
    return Promise.resolve(release ? { kind: 'released' } : { kind: 'requested-again', requests: meta.requests });
  }

  markOpen(arn: string, owner: string, now: number): Promise<boolean> {
    const meta = this.metas.get(arn);
    if (meta?.leaseOwner !== owner) return Promise.resolve(false);
    this.metas.set(arn, { ...meta, open: true, lastSyncedAt: meta.lastSyncedAt ?? now });
    return Promise.resolve(true);
  }

  releaseAfterFailure(arn: string, owner: string, failure: SyncFailure): Promise<boolean> {
    const meta = this.metas.get(arn);
    if (meta?.leaseOwner !== owner) return Promise.resolve(false);
    const index = failure.nextAttemptAt === null ? { open: false } : { open: true, lastSyncedAt: failure.nextAttemptAt };
    this.metas.set(arn, { ...meta, ...index, failure, leaseOwner: undefined, leaseExpiresAt: undefined });
    return Promise.resolve(true);
  }

  trackedAmong(arns: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(arns.filter((arn) => this.metas.has(arn))));
  }

  releaseLease(arn: string, owner: string): Promise<void> {
    const meta = this.metas.get(arn);
    if (meta?.leaseOwner === owner) this.metas.set(arn, { ...meta, leaseOwner: undefined, leaseExpiresAt: undefined });
    return Promise.resolve();
  }

  getRecords(arn: string, keys: readonly string[]): Promise<Map<string, TrackingRecord>> {
    const found = keys.flatMap((key) => {
      const row = this.rows.get(this.id(arn, key));
      return row === undefined ? [] : [[key, row] as const];
    });
    return Promise.resolve(new Map(found));
  }

  claim(record: PendingRecord, now: number): Promise<TrackingRecord | undefined> {
    if (record.key === META_KEY || record.key === '') {
      return Promise.reject(new TrackingStoreError(`"${record.key}" cannot be the key of an object row.`));
    }
    const existing = this.rows.get(this.id(record.executionArn, record.key));
    const free =
      existing === undefined ||
      (existing.state === 'PENDING' &&
        (isLeaseLapsed(existing, now) || (record.leaseOwner !== undefined && existing.leaseOwner === record.leaseOwner)));
    if (!free) return Promise.reject(new TrackingConflictError(record.key, existing));
    this.rows.set(this.id(record.executionArn, record.key), record);
    return Promise.resolve(existing);
  }

  /** update applies a transition when `allowed` holds for the row, as the adapter's conditional write does. */
  private update(arn: string, key: string, patch: Partial<TrackingRecord>, allowed: (row: TrackingRecord) => boolean = () => true): Promise<void> {
    const row = this.rows.get(this.id(arn, key));
    if (row === undefined) return Promise.reject(new TrackingConflictError(key, undefined));
    if (!allowed(row)) return Promise.reject(new TrackingConflictError(key, row));
    this.rows.set(this.id(arn, key), { ...row, leaseOwner: undefined, leaseExpiresAt: undefined, lastErrorName: undefined, lastError: undefined, ...patch });
    return Promise.resolve();
  }

  private updateHeldClaim(arn: string, key: string, owner: string, patch: Partial<TrackingRecord>): Promise<boolean> {
    const row = this.rows.get(this.id(arn, key));
    if (row?.state !== 'PENDING' || row.leaseOwner !== owner) return Promise.resolve(false);
    this.rows.set(this.id(arn, key), { ...row, ...patch });
    return Promise.resolve(true);
  }

  renewClaim = (arn: string, key: string, owner: string, leaseExpiresAt: number) => this.updateHeldClaim(arn, key, owner, { leaseExpiresAt });
  recordClaimFailure = (arn: string, key: string, owner: string, failure: ClaimFailure) =>
    this.updateHeldClaim(arn, key, owner, { lastErrorName: failure.name, lastError: failure.message });
  markCreated = (arn: string, key: string, ovirtId: string, _signal?: AbortSignal, owner?: string) =>
    this.update(arn, key, { state: 'CREATED', ovirtId }, (row) =>
      (row.state === 'PENDING' && (owner === undefined || row.leaseOwner === owner)) || (row.state === 'CREATED' && row.ovirtId === ovirtId),
    );
  markEnded = (arn: string, key: string, endedAs: EndedAs) =>
    this.update(arn, key, { state: 'ENDED', endedAs }, (row) => row.state === 'CREATED' || (row.state === 'ENDED' && row.endedAs === endedAs));
  markGone = (arn: string, key: string) => this.update(arn, key, { state: 'GONE' });

  listOpen(limit: number): Promise<OpenExecution[]> {
    const open = [...this.metas.values()]
      .filter((m) => m.open)
      .map((m) => ({ executionArn: m.executionArn, lastSyncedAt: m.lastSyncedAt ?? 0 }))
      .sort((a, b) => a.lastSyncedAt - b.lastSyncedAt);
    return Promise.resolve(open.slice(0, limit));
  }

  async listDue(limit: number, now: number): Promise<OpenExecution[]> {
    return (await this.listOpen(Number.POSITIVE_INFINITY)).filter((entry) => entry.lastSyncedAt <= now).slice(0, limit);
  }

  expireExecution(arn: string, at: number): Promise<void> {
    this.expiries.set(arn, at);
    return Promise.resolve();
  }

  getMeta(arn: string): Promise<ExecutionMeta | undefined> {
    const meta = this.metas.get(arn);
    return Promise.resolve(meta === undefined ? undefined : this.view(meta));
  }

  listRecords(arn: string): Promise<TrackingRecord[]> {
    const rows = [...this.rows.values()].filter((row) => row.executionArn === arn).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return Promise.resolve(rows);
  }

  /** Admitted counts per cap window (the table keeps them on the window's meta row). */
  readonly admitted = new Map<string, number>();

  countExpressExecution(windowKey: string, cap: number, dueAt: number, expiresAt: number): Promise<ExpressAdmission> {
    if (!this.expiries.has(windowKey)) this.expiries.set(windowKey, expiresAt);
    const meta = this.metas.get(windowKey) ?? { executionArn: windowKey, cursor: 0, redriveCount: 0, open: false, requests: 0 };
    const admitted = this.admitted.get(windowKey) ?? 0;
    if (admitted < cap) {
      this.metas.set(windowKey, meta);
      this.admitted.set(windowKey, admitted + 1);
      return Promise.resolve('mirror');
    }
    this.metas.set(windowKey, { ...meta, notMirrored: (meta.notMirrored ?? 0) + 1, open: true, lastSyncedAt: meta.lastSyncedAt ?? dueAt });
    return Promise.resolve('over-cap');
  }
}

/** FakeOvirt keeps jobs and steps in maps; `failNext` makes the next call of a method throw (optionally after applying). */
export class FakeOvirt implements OvirtJobs {
  readonly jobs = new Map<string, OvirtJob & { correlationId?: string }>();
  readonly steps = new Map<string, OvirtStep>();
  calls: string[] = [];
  private faults: { method: string; error: Error; afterApply: boolean }[] = [];

  failNext(method: string, error: Error, afterApply = false): void {
    this.faults.push({ method, error, afterApply });
  }

  private async call<T>(method: string, apply: () => T): Promise<T> {
    this.calls.push(method);
    const index = this.faults.findIndex((f) => f.method === method);
    const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
    if (fault && !fault.afterApply) throw fault.error;
    const result = apply();
    if (fault) throw fault.error;
    return Promise.resolve(result);
  }

  addJob = (input: AddJobInput) =>
    this.call('addJob', () => {
      const job = { id: randomUUID(), description: input.description, status: 'started' as const, autoCleared: input.autoCleared, external: true, startTime: Date.now(), correlationId: input.correlationId };
      this.jobs.set(job.id, job);
      return job;
    });
  getJob = (id: string) => this.call('getJob', () => this.jobs.get(id) ?? null);
  findJobsByCorrelationId = (cid: string) => this.call('findJobs', () => [...this.jobs.values()].filter((j) => j.correlationId === cid));
  endJob = (id: string, options: { succeeded: boolean }) =>
    this.call('endJob', () => {
      const job = this.jobs.get(id);
      if (!job) throw new OvirtHttpError({ status: 400, method: 'POST', path: `/jobs/${id}/end`, detail: '[Cannot Clear External Job. Job not found.]' });
      if (job.status === 'started') this.jobs.set(id, { ...job, status: options.succeeded ? 'finished' : 'failed' });
    });
  addStep = (jobId: string, input: AddStepInput) =>
    this.call('addStep', () => {
      if (!this.jobs.has(jobId)) throw new OvirtHttpError({ status: 400, method: 'POST', path: `/jobs/${jobId}/steps` });
      const step: OvirtStep = { id: randomUUID(), jobId, parentStepId: input.parentStepId, description: input.description, type: input.type, number: 0, status: 'started', external: true };
      this.steps.set(step.id, step);
      return step;
    });
  listSteps = (jobId: string) => this.call('listSteps', () => [...this.steps.values()].filter((s) => s.jobId === jobId));
  endStep = (_jobId: string, stepId: string) =>
    this.call('endStep', () => {
      const step = this.steps.get(stepId);
      if (!step) throw new OvirtHttpError({ status: 400, method: 'POST', path: `/steps/${stepId}/end` });
      this.steps.set(stepId, { ...step, status: 'finished' });
    });
}

/**
 * InMemoryHistoryBudget is the HistoryBudget fake: the same fixed window per second as the
 * table's counter (test/contract/history-budget.test.ts holds them together). `taken` counts
 * the calls granted, `refused` those refused.
 */
export class InMemoryHistoryBudget implements HistoryBudget {
  taken = 0;
  refused = 0;
  private readonly windows = new Map<number, number>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(): Promise<boolean> {
    const second = Math.floor(this.now() / 1000);
    const used = this.windows.get(second) ?? 0;
    if (this.perSecond <= 0 || used >= this.perSecond) {
      this.refused += 1;
      return Promise.resolve(false);
    }
    this.windows.set(second, used + 1);
    this.taken += 1;
    return Promise.resolve(true);
  }
}
