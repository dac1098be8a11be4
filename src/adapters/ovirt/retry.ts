/**
 * Bounded retry for idempotent engine calls (reads, end and clear actions). Adds are never
 * routed through here: a lost answer to an add may mean the object exists, and the tracker
 * above the client settles that with the Correlation-Id and its claims.
 *
 * ```
 * attempt 1 ─✗─ wait base ─ attempt 2 ─✗─ wait min(4·base, max) ─ attempt 3 ─✗─ throw
 *               (100 ms)                    (400 ms)
 * ```
 */
import { isAbortError, isRetryable } from '../../errors.js';
import { abortReason } from './abort.js';
import { retryDelayMs } from '../../model/ovirt.js';

/** RetryPolicy bounds the in-process retries. `retries: 0` disables them. */
export interface RetryPolicy {
  /** Extra attempts after the first one. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** RetryHooks lets the caller observe retries (for debug logging). */
export interface RetryHooks {
  onRetry?(error: unknown, retry: number, delayMs: number): void;
}

/**
 * withRetry runs `operation` and repeats it after a retryable failure (see `isRetryable`),
 * at most `policy.retries` more times. The waits honour `signal`: an abort ends the wait at
 * once and rejects with the signal's reason. Non-retryable errors and aborts are rethrown
 * untouched.
 *
 * @example
 * const job = await withRetry(() => getJob(id, signal), { retries: 2, baseDelayMs: 100, maxDelayMs: 400 }, signal);
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  signal?: AbortSignal,
  hooks: RetryHooks = {},
): Promise<T> {
  for (let retry = 1; ; retry++) {
    try {
      return await operation();
    } catch (error) {
      // An aborted call is retryable for a later run, never for this one (see abort.ts).
      if (retry > policy.retries || !isRetryable(error) || signal?.aborted || isAbortError(error)) throw error;
      const delayMs = retryDelayMs(retry, policy);
      hooks.onRetry?.(error, retry, delayMs);
      await sleep(delayMs, signal);
    }
  }
}

/** sleep waits `ms` milliseconds, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
