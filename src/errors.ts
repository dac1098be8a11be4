/**
 * ReconcilerError and its family: every error a user can meet. Each subclass sets `name`,
 * chains `cause`, carries the data a caller needs to act, and says in its message what
 * happened and what to do. Callers test errors with the `isX()` guards, which compare `name`
 * so they also work across duplicated module copies (bundles).
 */
import type { TrackingRecord } from './model/tracking.js';

/** ReconcilerError is the base of every error this project throws on purpose. */
export class ReconcilerError extends Error {
  /** retryable tells whether trying the same thing again later may succeed. */
  readonly retryable: boolean;
  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.name = 'ReconcilerError';
    this.retryable = options?.retryable ?? false;
  }
}

/** ConfigError: a configuration value is missing or invalid; `variable` names it. */
export class ConfigError extends ReconcilerError {
  readonly variable: string;
  constructor(variable: string, message: string, options?: ErrorOptions) {
    super(`Configuration ${variable}: ${message}`, options);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** EventValidationError: an incoming event is not a valid Step Functions status change. Never retried. */
export class EventValidationError extends ReconcilerError {
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[], options?: ErrorOptions) {
    super(message, options);
    this.name = 'EventValidationError';
    this.issues = issues;
  }
}

/**
 * OvirtHttpError: the engine answered with an error status, or with a success status whose
 * body is not the answer the API promises. `reason`/`detail` come from the engine's fault
 * document when it sent one. Retryable for 5xx unless `retryable` says otherwise.
 */
export class OvirtHttpError extends ReconcilerError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly reason?: string | undefined;
  readonly detail?: string | undefined;
  constructor(
    init: {
      status: number; method: string; path: string; reason?: string | undefined; detail?: string | undefined; hint?: string;
      retryable?: boolean | undefined;
    },
    options?: ErrorOptions,
  ) {
    const fault = [init.reason, init.detail].filter(Boolean).join(': ');
    super(
      `oVirt answered ${init.status} to ${init.method} ${init.path}${fault ? ` (${fault})` : ''}.` +
        (init.hint ? ` ${init.hint}` : ''),
      { ...options, retryable: init.retryable ?? init.status >= 500 },
    );
    this.name = 'OvirtHttpError';
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.reason = init.reason;
    this.detail = init.detail;
  }
}

/** OvirtNotFoundError: the job or step does not exist (404), e.g. cleaned up by the engine. */
export class OvirtNotFoundError extends ReconcilerError {
  readonly path: string;
  constructor(method: string, path: string, options?: ErrorOptions) {
    super(`oVirt has no object at ${method} ${path} (404). It may have been cleaned up by the engine.`, options);
    this.name = 'OvirtNotFoundError';
    this.path = path;
  }
}

/** OvirtAuthError: login failed or the credentials were refused. Fix the credentials; not retried. */
export class OvirtAuthError extends ReconcilerError {
  readonly status?: number | undefined;
  readonly code?: string | undefined;
  constructor(message: string, init?: { status?: number; code?: string }, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OvirtAuthError';
    this.status = init?.status;
    this.code = init?.code;
  }
}

/**
 * OvirtUnavailableError: no usable answer (connection refused/reset, timeout, TLS failure).
 * `code` is the undici/Node error code. Retryable unless it is a TLS verification failure.
 */
export class OvirtUnavailableError extends ReconcilerError {
  readonly code?: string | undefined;
  constructor(message: string, init: { code?: string | undefined; retryable: boolean }, options?: ErrorOptions) {
    super(message, { ...options, retryable: init.retryable });
    this.name = 'OvirtUnavailableError';
    this.code = init.code;
  }
}

/**
 * OvirtPermissionError: the engine refused a call because the configured user lacks a right
 * (a 403, or a 400 whose fault says the query failed for insufficient permissions). Retrying
 * cannot help; `needed` says what to grant.
 */
export class OvirtPermissionError extends ReconcilerError {
  readonly method: string;
  readonly path: string;
  readonly needed: string;
  constructor(init: { method: string; path: string; needed: string; detail?: string | undefined }, options?: ErrorOptions) {
    super(
      `oVirt refused ${init.method} ${init.path} for lack of permission${init.detail ? ` (${init.detail})` : ''}. ${init.needed}`,
      options,
    );
    this.name = 'OvirtPermissionError';
    this.method = init.method;
    this.path = init.path;
    this.needed = init.needed;
  }
}

/**
 * ClaimFailedError: an object's claim is held by an attempt that failed (its error is stored on
 * the claim), so this invocation may not create the object yet. It reports that stored error
 * instead of answering `pending`; the holder's claim lapses at `retryAt` (epoch ms) and the next
 * invocation after it looks the object up and tries again. Retryable unless the stored error
 * was a permission refusal, which no retry fixes.
 */
export class ClaimFailedError extends ReconcilerError {
  readonly key: string;
  readonly earlierErrorName: string;
  /** The earlier attempt was refused for lack of permission: no retry can settle the claim. */
  readonly permissionDenied: boolean;
  readonly retryAt?: number | undefined;
  constructor(init: { key: string; earlierErrorName: string; earlierError: string; retryAt?: number | undefined }, options?: ErrorOptions) {
    const permissionDenied = init.earlierErrorName === 'OvirtPermissionError';
    const when = init.retryAt === undefined ? 'now' : `after ${new Date(init.retryAt).toISOString()}`;
    super(
      `Creating ${init.key} in oVirt failed in an earlier attempt that still holds its claim: ${init.earlierErrorName}: ${init.earlierError} ` +
        `Fix that cause; the claim can be taken over ${when}, when the object is looked up and created if still missing.`,
      { ...options, retryable: !permissionDenied },
    );
    this.name = 'ClaimFailedError';
    this.key = init.key;
    this.earlierErrorName = init.earlierErrorName;
    this.permissionDenied = permissionDenied;
    this.retryAt = init.retryAt;
  }
}

/** TrackingConflictError: a conditional write lost a race; `existingRecord` is the row that won. */
export class TrackingConflictError extends ReconcilerError {
  readonly existingRecord?: TrackingRecord | undefined;
  readonly key: string;
  constructor(key: string, existingRecord?: TrackingRecord, options?: ErrorOptions) {
    super(`Tracking row ${key} was changed by another invocation; it will be retried.`, { ...options, retryable: true });
    this.name = 'TrackingConflictError';
    this.key = key;
    this.existingRecord = existingRecord;
  }
}

/** TrackingStoreError: the tracking table failed (throttled, unavailable, misconfigured). */
export class TrackingStoreError extends ReconcilerError {
  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.name = 'TrackingStoreError';
  }
}

/** StepFunctionsError: a Step Functions call failed; `awsName` is the AWS exception name. */
export class StepFunctionsError extends ReconcilerError {
  readonly awsName: string;
  constructor(message: string, awsName: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.name = 'StepFunctionsError';
    this.awsName = awsName;
  }
}

/** TerminalReconcileError: retrying cannot help (e.g. execution no longer exists). Logged, counted, never retried. */
export class TerminalReconcileError extends ReconcilerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TerminalReconcileError';
  }
}

const hasName = (e: unknown, name: string): boolean =>
  e instanceof Error && (e.name === name || e.constructor?.name === name);

export const isReconcilerError = (e: unknown): e is ReconcilerError =>
  e instanceof ReconcilerError || (e instanceof Error && typeof (e as { retryable?: unknown }).retryable === 'boolean');
export const isConfigError = (e: unknown): e is ConfigError => hasName(e, 'ConfigError');
export const isEventValidationError = (e: unknown): e is EventValidationError => hasName(e, 'EventValidationError');
export const isOvirtHttpError = (e: unknown): e is OvirtHttpError => hasName(e, 'OvirtHttpError');
export const isOvirtNotFoundError = (e: unknown): e is OvirtNotFoundError => hasName(e, 'OvirtNotFoundError');
export const isOvirtAuthError = (e: unknown): e is OvirtAuthError => hasName(e, 'OvirtAuthError');
export const isOvirtPermissionError = (e: unknown): e is OvirtPermissionError => hasName(e, 'OvirtPermissionError');
export const isOvirtUnavailableError = (e: unknown): e is OvirtUnavailableError => hasName(e, 'OvirtUnavailableError');
export const isClaimFailedError = (e: unknown): e is ClaimFailedError => hasName(e, 'ClaimFailedError');
export const isTrackingConflictError = (e: unknown): e is TrackingConflictError => hasName(e, 'TrackingConflictError');
export const isTrackingStoreError = (e: unknown): e is TrackingStoreError => hasName(e, 'TrackingStoreError');
export const isStepFunctionsError = (e: unknown): e is StepFunctionsError => hasName(e, 'StepFunctionsError');
export const isTerminalReconcileError = (e: unknown): e is TerminalReconcileError => hasName(e, 'TerminalReconcileError');

/**
 * isAbortError tells whether `e` is what a call rejects with when an AbortSignal cancelled it:
 * an error named `AbortError` (a plain `abort()`, the AWS SDK's cancellation) or the
 * `TimeoutError` DOMException of `AbortSignal.timeout()`. (The SDK's own socket timeout is
 * also named TimeoutError but is no DOMException: that one is a network failure.)
 */
export function isAbortError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return e.name === 'AbortError' || (e.name === 'TimeoutError' && typeof DOMException !== 'undefined' && e instanceof DOMException);
}

/**
 * ABORTED_CALL_RETRYABLE is the one rule for a call its caller aborted, for every adapter: it
 * is retryable. An abort is this process's own decision (the invocation's deadline, a
 * shutdown), not a verdict of the remote side, so the same call made later by another
 * invocation may well succeed; calling it permanent would misreport every deadline as a
 * fault to fix. It never makes a call repeat in the process that gave up on it: in-process
 * retry loops stop on an aborted signal (and on {@link isAbortError}) before they look at
 * this flag.
 */
export const ABORTED_CALL_RETRYABLE = true;

/**
 * isRetryable is the one retry classification: our errors say so themselves, an aborted call
 * follows {@link ABORTED_CALL_RETRYABLE}, and anything else unknown is not retried.
 */
export function isRetryable(e: unknown): boolean {
  if (isAbortError(e)) return ABORTED_CALL_RETRYABLE;
  return isReconcilerError(e) && e.retryable;
}
