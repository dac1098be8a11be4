import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep, withRetry, type RetryPolicy } from '../../../../src/adapters/ovirt/retry.js';
import { retryDelayMs } from '../../../../src/model/ovirt.js';
import { isRetryable, OvirtHttpError, OvirtUnavailableError } from '../../../../src/errors.js';

const policy: RetryPolicy = { retries: 2, baseDelayMs: 100, maxDelayMs: 400 };
const transient = () => new OvirtUnavailableError('reset', { code: 'ECONNRESET', retryable: true });
const permanent = () => new OvirtHttpError({ status: 400, method: 'POST', path: '/x', reason: 'Operation Failed' });

afterEach(() => {
  vi.useRealTimers();
});

describe('Function: retryDelayMs', () => {
  it.each([
    [1, policy, 100],
    [2, policy, 400],
    [3, policy, 400],
    [1, { retries: 5, baseDelayMs: 10, maxDelayMs: 1000 }, 10],
    [4, { retries: 5, baseDelayMs: 10, maxDelayMs: 1000 }, 640],
    [5, { retries: 5, baseDelayMs: 10, maxDelayMs: 1000 }, 1000],
  ])('waits before retry %i as base·4^(n-1), capped', (retry, p, expected) => {
    // Prepare
    const input = { retry, p };

    // Act
    const delay = retryDelayMs(input.retry, input.p);

    // Assess
    expect(delay).toBe(expected);
  });
});

describe('Function: withRetry', () => {
  it('retries retryable failures with 100 ms then 400 ms waits, 3 attempts in all', async () => {
    // Prepare
    vi.useFakeTimers();
    const operation = vi.fn<() => Promise<string>>().mockRejectedValueOnce(transient()).mockRejectedValueOnce(transient()).mockResolvedValue('ok');
    const waits: number[] = [];

    // Act
    const pending = withRetry(operation, policy, undefined, { onRetry: (_e, _n, delayMs) => waits.push(delayMs) });
    await vi.advanceTimersByTimeAsync(500);
    const result = await pending;

    // Assess
    expect([result, operation.mock.calls.length, waits]).toEqual(['ok', 3, [100, 400]]);
  });

  it('gives up after the last attempt with the last error', async () => {
    // Prepare
    const last = transient();
    const operation = vi.fn<() => Promise<string>>().mockRejectedValueOnce(transient()).mockRejectedValueOnce(transient()).mockRejectedValueOnce(last);

    // Act
    const outcome = withRetry(operation, { retries: 2, baseDelayMs: 1, maxDelayMs: 1 });

    // Assess
    await expect(outcome).rejects.toBe(last);
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it('never retries a non-retryable error', async () => {
    // Prepare
    const error = permanent();
    const operation = vi.fn<() => Promise<string>>().mockRejectedValue(error);

    // Act
    const outcome = withRetry(operation, policy);

    // Assess
    await expect(outcome).rejects.toBe(error);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('issue 10: never repeats an aborted call in-process, although the one abort rule calls it retryable', async () => {
    // Prepare
    const aborted = new DOMException('The operation was aborted.', 'AbortError');
    const operation = vi.fn<() => Promise<string>>().mockRejectedValue(aborted);

    // Act
    const outcome = withRetry(operation, policy);

    // Assess
    await expect(outcome).rejects.toBe(aborted);
    expect(isRetryable(aborted)).toBe(true);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('makes exactly one attempt when retries is 0', async () => {
    // Prepare
    const operation = vi.fn<() => Promise<string>>().mockRejectedValue(transient());

    // Act
    const outcome = withRetry(operation, { retries: 0, baseDelayMs: 1, maxDelayMs: 1 });

    // Assess
    await expect(outcome).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('stops waiting at once when the signal aborts, rejecting with its reason', async () => {
    // Prepare
    const controller = new AbortController();
    const operation = vi.fn<() => Promise<string>>().mockRejectedValue(transient());
    const started = performance.now();

    // Act
    const outcome = withRetry(operation, { retries: 2, baseDelayMs: 5_000, maxDelayMs: 5_000 }, controller.signal);
    setTimeout(() => controller.abort(), 20);

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(operation).toHaveBeenCalledTimes(1);
  });
});

describe('Function: sleep', () => {
  it('rejects at once for an already aborted signal, with the caller’s own reason', async () => {
    // Prepare
    const reason = new Error('deadline');

    // Act
    const outcome = sleep(10_000, AbortSignal.abort(reason));

    // Assess
    await expect(outcome).rejects.toBe(reason);
  });
});
