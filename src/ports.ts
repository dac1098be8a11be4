/**
 * The only seams between the reconciler and the outside world: small interfaces, so the
 * reconciler runs the same over AWS, the local parts or in-memory fakes. Adapters in
 * src/adapters implement these and hold no lifecycle rules; those live in src/apply and
 * src/reconcile. Every call takes the request's AbortSignal.
 */
import type {
  ExecutionDescription,
  ExecutionStatus,
  HistoryEvent,
  MapRunSummary,
  StateMachineDefinition,
} from './model/execution.js';
import type { AddJobInput, AddStepInput, OvirtJob, OvirtStep } from './model/ovirt.js';
import type { EndedAs, PendingRecord, TrackingRecord } from './model/tracking.js';

/** HistoryPage is one ascending page of history; `nextToken` is absent on the last page. */
export interface HistoryPage {
  readonly events: readonly HistoryEvent[];
  readonly nextToken?: string | undefined;
}

/** HistoryReader reads one execution from Step Functions. */
export interface HistoryReader {
  describeExecution(executionArn: string, signal?: AbortSignal): Promise<ExecutionDescription>;
  /**
   * readEventsAfter returns the events with id > `afterEventId`, ascending. It pages with
   * reverseOrder=true from the newest event and stops at the cursor, so a sync costs
   * ⌈new events / 1000⌉ pages (at least one).
   */
  readEventsAfter(executionArn: string, afterEventId: number, signal?: AbortSignal): Promise<HistoryEvent[]>;
  /**
   * readPage reads one ascending page (oldest first, up to 1000 events) of the history: the
   * first page without `token`, else the page a previous page's `nextToken` points to (valid
   * 24 h). A refused token (expired) throws StepFunctionsError with awsName 'InvalidToken'.
   */
  readPage(executionArn: string, token?: string, signal?: AbortSignal): Promise<HistoryPage>;
  /** describeDefinition returns the definition the execution ran with (cached per revision by the adapter). */
  describeDefinition(executionArn: string, signal?: AbortSignal): Promise<StateMachineDefinition>;
  describeMapRun(mapRunArn: string, signal?: AbortSignal): Promise<MapRunSummary>;
  /** listRunning lists RUNNING executions of one state machine (sweep discovery of lost events). */
  listRunning(stateMachineArn: string, limit: number, signal?: AbortSignal): Promise<string[]>;
}

/**
 * ExecutionMeta is the one bounded meta row of an execution: sync progress and the
 * single-writer lease. `requests` counts sync requests; a holder releases the lease only if
 * it is unchanged since it acquired it, otherwise it goes round again (no event is lost).
 */
export interface ExecutionMeta {
  readonly executionArn: string;
  /** Highest history event id that has been read and fully applied. 0 before the first sync. */
  readonly cursor: number;
  /** Serialized tree checkpoint (core/checkpoint), bounded by the open part of the tree. */
  readonly checkpoint?: string | undefined;
  /**
   * The `nextToken` of the last forward history page applied, while a first sync reads the
   * history page by page (absent once it reached the last page): the next round reads on from there.
   */
  readonly historyToken?: string | undefined;
  readonly status?: ExecutionStatus | undefined;
  readonly redriveCount: number;
  readonly stateMachineArn?: string | undefined;
  readonly startDate?: number | undefined;
  /** True while some job of this execution is not ended in oVirt; the sweep index holds only these. */
  readonly open: boolean;
  readonly requests: number;
  readonly leaseOwner?: string | undefined;
  readonly leaseExpiresAt?: number | undefined;
  /**
   * The sweep index's order key: when the last round was saved or, after a failed sync, when
   * the sweep may try again (`failure.nextAttemptAt`). The sweep visits only keys ≤ now.
   */
  readonly lastSyncedAt?: number | undefined;
  /** The failed syncs since the last one that finished; absent once a sync finishes. */
  readonly failure?: SyncFailure | undefined;
  /**
   * Express executions only: records held after a gap and what was decided about the execution
   * (core/express ExpressState, serialized; bounded by EXPRESS_MAX_HELD_EVENTS and 32 KiB).
   */
  readonly expressState?: string | undefined;
  /**
   * Standard executions, push path only: records that arrived after a gap, held until a later
   * delivery fills it or a history read covers it (core/held-events, serialized; bounded like expressState).
   */
  readonly heldEvents?: string | undefined;
  /** Express cap window rows only: executions counted over the cap (countExpressExecution). */
  readonly notMirrored?: number | undefined;
}

/**
 * SyncFailure is what a failed sync leaves on the meta row, for the sweep's backoff and for
 * operators. Only the lease holder writes it, so a holder's view of it stays exact.
 */
export interface SyncFailure {
  /** Consecutive failed syncs since the last one that finished (1 after the first failure). */
  readonly failures: number;
  readonly errorName: string;
  /** The error's message, cut short (messages of this project's errors never hold secrets). */
  readonly errorMessage: string;
  readonly failedAt: number;
  /**
   * When the sweep looks at the execution again (an event may sync it sooner); null when it
   * left the sweep index for good (Step Functions no longer knows the execution).
   */
  readonly nextAttemptAt: number | null;
}

/** MetaProgress is what a round saves on the meta row. */
export interface MetaProgress {
  readonly cursor: number;
  readonly checkpoint?: string | undefined;
  /** See ExecutionMeta.historyToken; undefined removes it. */
  readonly historyToken?: string | undefined;
  readonly status: ExecutionStatus;
  readonly redriveCount: number;
  readonly stateMachineArn: string;
  readonly startDate: number;
  readonly open: boolean;
  /** See ExecutionMeta.expressState; undefined removes it. */
  readonly expressState?: string | undefined;
  /** See ExecutionMeta.heldEvents; undefined removes it. */
  readonly heldEvents?: string | undefined;
}

/** ExpressAdmission: whether an Express execution is mirrored or counted over its state machine's cap. */
export type ExpressAdmission = 'mirror' | 'over-cap';

/** SaveResult: 'released' (done), 'requested-again' (a request arrived meanwhile: lease renewed, go round), 'lease-lost'. */
export type SaveResult =
  | { readonly kind: 'released' }
  | { readonly kind: 'requested-again'; readonly requests: number }
  | { readonly kind: 'lease-lost' };

/** OpenExecution is one entry of the sweep index: an execution with a job still open. */
export interface OpenExecution {
  readonly executionArn: string;
  readonly lastSyncedAt: number;
}

/** ClaimFailure is why a claim holder's last attempt on its PENDING row failed (error name and message). */
export interface ClaimFailure {
  readonly name: string;
  readonly message: string;
}

/** TrackingStore is the DynamoDB tracking table, as single-item conditional writes only. */
export interface TrackingStore {
  /**
   * acquireLease takes the execution's lease (creating the meta row on first sight). When
   * another live owner holds it, it counts the request on the row instead and returns null,
   * so the holder goes round again before releasing; the same write puts the execution in the
   * sweep index, so the request is still served if that holder died.
   */
  acquireLease(executionArn: string, owner: string, now: number, leaseMs: number, signal?: AbortSignal): Promise<ExecutionMeta | null>;
  /**
   * tryAcquireLease takes the lease as acquireLease does, but when another live owner holds it,
   * writes nothing and returns null: the push path waits for the holder (its records are then
   * applied by itself) instead of counting a request that would make the holder read history.
   */
  tryAcquireLease(executionArn: string, owner: string, now: number, leaseMs: number, signal?: AbortSignal): Promise<ExecutionMeta | null>;
  /**
   * saveProgress writes progress if `owner` still holds the lease; releases it if `requests` is
   * still `seenRequests`. `seenRequests: null` keeps and renews the lease without trying to
   * release it: a save between pages of one sync. A save that releases ends the sync, so it
   * also clears the row's `failure`.
   */
  saveProgress(
    executionArn: string,
    owner: string,
    seenRequests: number | null,
    progress: MetaProgress,
    now: number,
    leaseMs: number,
    signal?: AbortSignal,
  ): Promise<SaveResult>;
  /**
   * markOpen puts the execution in the sweep index before a round creates a job, so a crash
   * before saveProgress still leaves it to the sweep. Resolves false when the lease was lost.
   */
  markOpen(executionArn: string, owner: string, now: number, signal?: AbortSignal): Promise<boolean>;
  /** releaseLease gives the lease up without saving progress (after a failed round). */
  releaseLease(executionArn: string, owner: string, signal?: AbortSignal): Promise<void>;
  /** getRecords reads the object rows with these keys (missing keys are absent from the map). */
  getRecords(executionArn: string, keys: readonly string[], signal?: AbortSignal): Promise<Map<string, TrackingRecord>>;
  /**
   * claim writes a PENDING row for `record.key` if there is none, or if the existing one is
   * PENDING and its lease lapsed at `now` or is held by the same owner. Resolves to the row
   * it replaced (a takeover: the oVirt add may have happened) or undefined (fresh claim).
   * Throws TrackingConflictError carrying the existing row otherwise.
   */
  claim(
    record: PendingRecord,
    now: number,
    signal?: AbortSignal,
  ): Promise<TrackingRecord | undefined>;
  /**
   * renewClaim moves the lease of a PENDING row that `owner` still holds to `leaseExpiresAt`.
   * Resolves false (nothing written) when the row is no longer PENDING under `owner`: the claim
   * was taken over, and `owner` must not start an oVirt add for it.
   */
  renewClaim(executionArn: string, key: string, owner: string, leaseExpiresAt: number, signal?: AbortSignal): Promise<boolean>;
  /**
   * recordClaimFailure stores why `owner`'s attempt on its PENDING row failed (the claim and its
   * lease stay). Resolves false when the row is no longer PENDING under `owner`.
   */
  recordClaimFailure(
    executionArn: string,
    key: string,
    owner: string,
    failure: ClaimFailure,
    signal?: AbortSignal,
  ): Promise<boolean>;
  /**
   * markCreated records the oVirt id of a claimed row (PENDING → CREATED). With `owner`, only
   * while that owner still holds the claim; repeating it with the same id is a no-op. Throws
   * TrackingConflictError (carrying the row) otherwise.
   */
  markCreated(executionArn: string, key: string, ovirtId: string, signal?: AbortSignal, owner?: string): Promise<void>;
  /** markEnded records that we ended the object (CREATED → ENDED). */
  markEnded(executionArn: string, key: string, endedAs: EndedAs, signal?: AbortSignal): Promise<void>;
  /** markGone records that oVirt no longer has the object; it is never recreated. */
  markGone(executionArn: string, key: string, signal?: AbortSignal): Promise<void>;
  /** listOpen lists executions with an open job, least recently synced first. */
  listOpen(limit: number, signal?: AbortSignal): Promise<OpenExecution[]>;
  /**
   * listDue lists open executions whose order key is ≤ `now`, least recently synced first: the
   * sweep's candidates (executions backing off after a failure have a key in the future).
   */
  listDue(limit: number, now: number, signal?: AbortSignal): Promise<OpenExecution[]>;
  /**
   * releaseAfterFailure records a failed sync on the meta row and gives the lease up, if
   * `owner` still holds it (else it writes nothing and resolves false). With a
   * `nextAttemptAt` the execution is put in (or kept in) the sweep index with that key;
   * with null it leaves the index.
   */
  releaseAfterFailure(executionArn: string, owner: string, failure: SyncFailure, signal?: AbortSignal): Promise<boolean>;
  /** trackedAmong says which of these executions have a meta row (sweep discovery skips them). */
  trackedAmong(executionArns: readonly string[], signal?: AbortSignal): Promise<Set<string>>;
  /** expireExecution sets the TTL (epoch seconds) on every row of the execution. */
  expireExecution(executionArn: string, expiresAtEpochSeconds: number, signal?: AbortSignal): Promise<void>;
  /**
   * getMeta reads the execution's meta row (a consistent read); undefined when the table has none.
   * For the operator command (status, backfill): the reconciler gets the row from acquireLease.
   */
  getMeta(executionArn: string, signal?: AbortSignal): Promise<ExecutionMeta | undefined>;
  /** listRecords reads every object row of the execution in key order (a paged query; the meta row is not among them). */
  listRecords(executionArn: string, signal?: AbortSignal): Promise<TrackingRecord[]>;
  /**
   * countExpressExecution counts one new Express execution on the meta row of its cap window
   * (`windowKey`, not an ARN): 'mirror' while fewer than `cap` were admitted in the window (one
   * conditional ADD), else 'over-cap', counted in `notMirrored`, and the window row enters the
   * sweep index due at `dueAt` (if not there yet), so the sweep writes its one summary job.
   * `expiresAtEpochSeconds` is the row's TTL until a summary sets a later one.
   */
  countExpressExecution(windowKey: string, cap: number, dueAt: number, expiresAtEpochSeconds: number, signal?: AbortSignal): Promise<ExpressAdmission>;
}

/** OvirtJobs is the part of the oVirt REST API the reconciler uses. */
export interface OvirtJobs {
  addJob(input: AddJobInput, signal?: AbortSignal): Promise<OvirtJob>;
  /** getJob resolves to null when the engine answers 404 (e.g. cleaned up). */
  getJob(jobId: string, signal?: AbortSignal): Promise<OvirtJob | null>;
  findJobsByCorrelationId(correlationId: string, signal?: AbortSignal): Promise<OvirtJob[]>;
  endJob(jobId: string, options: { succeeded: boolean; force?: boolean }, signal?: AbortSignal): Promise<void>;
  addStep(jobId: string, input: AddStepInput, signal?: AbortSignal): Promise<OvirtStep>;
  listSteps(jobId: string, signal?: AbortSignal): Promise<OvirtStep[]>;
  endStep(jobId: string, stepId: string, options: { succeeded: boolean }, signal?: AbortSignal): Promise<void>;
}

/**
 * HistoryBudget is a rate limit shared by every concurrent invocation: the push path's share of
 * the account's GetExecutionHistory quota (20 calls/s, shared with everyone in the account).
 */
export interface HistoryBudget {
  /** take spends one call of the current second's share; false when it is used up (nothing spent). */
  take(signal?: AbortSignal): Promise<boolean>;
}
