/**
 * Cancellation helpers. Contract of the whole client: an aborted call rejects with the
 * signal's own reason, unwrapped, the way `fetch` does. For a plain `controller.abort()` that
 * is a DOMException named `AbortError`; `AbortSignal.timeout()` gives one named `TimeoutError`.
 * It is never one of our typed errors. `isRetryable` applies the project's one abort rule to
 * it (retryable: a later run may make the call again), while the client's own retry loop
 * stops on the aborted signal, so this process never repeats a call its caller gave up on.
 * The client's own per-request timeout is no abort: it becomes an OvirtUnavailableError.
 */

/**
 * abortReason is what an aborted call rejects with: the signal's reason when it is an Error
 * (the usual case), otherwise an AbortError DOMException carrying the odd reason as `cause`.
 */
export function abortReason(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new DOMException('The operation was aborted.', 'AbortError');
  if (reason !== undefined) Object.defineProperty(error, 'cause', { value: reason });
  return error;
}

/**
 * raceSignal settles like `promise`, unless `signal` aborts first, in which case it rejects
 * with the abort reason at once. `promise` itself carries on: this is for shared work (one
 * login for many callers) that a single caller must not cancel for the others.
 */
export function raceSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
