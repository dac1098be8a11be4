/**
 * Regression tests for issue 9's unbounded calls: with OVIRT_TIMEOUT_MS at 3 s and a body
 * dripping one byte a second, one add held the invocation for its whole 20 s budget (the
 * per-chunk body timeout never fired) and ended as middy's TimeoutError, naming neither oVirt
 * nor the call. timeoutMs now bounds each request as a whole. Run against a hostile stand-in
 * on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isOvirtUnavailableError, isRetryable } from '../../../src/errors.js';
import { drip, send, startHostileEngine, type HostileEngine } from './hostile-engine.js';

const JOB_ID = '3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10';
const WIRE_JOB = JSON.stringify({ id: JOB_ID, description: 'd', status: 'started', external: 'true' });

let engine: HostileEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

/** timed runs `work` and reports how long it took. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('issue 9, OVIRT_TIMEOUT_MS: timeoutMs bounds each request as a whole', () => {
  it('an add whose answer drips in fails after timeoutMs as a retryable OvirtUnavailableError naming the call and OVIRT_TIMEOUT_MS', async () => {
    // Prepare: the headers come at once, then one byte every 200 ms (each gap far below bodyTimeoutMs).
    engine = await startHostileEngine((_request, response) => drip(response, 201, 'application/json', WIRE_JOB, 200));
    const client = engine.client({ timeoutMs: 1_000 });

    // Act
    const { result: error, ms } = await timed(() => client.addJob({ description: 'd', autoCleared: true }).catch((e: unknown) => e));

    // Assess
    expect(isOvirtUnavailableError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', retryable: true });
    const message = (error as Error).message;
    expect(message).toContain('POST /ovirt-engine/api/jobs');
    expect(message).toContain('within 1000 ms: the answer was still arriving');
    expect(message).toContain('OVIRT_TIMEOUT_MS');
    expect(message).toMatch(/may have applied the request/);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(4_000);
    // Adds are never repeated in-process.
    expect(engine.apiRequests()).toBe(1);
  });

  it('a read that drips is bounded per attempt and retried with a fresh bound', async () => {
    // Prepare
    engine = await startHostileEngine((_request, response) => drip(response, 200, 'application/json', WIRE_JOB, 100));
    const client = engine.client({ timeoutMs: 300, retries: 2 });

    // Act
    const { result: error, ms } = await timed(() => client.getJob(JOB_ID).catch((e: unknown) => e));

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'ETIMEDOUT' });
    expect((error as Error).message).toContain('GET /ovirt-engine/api/jobs/');
    expect(engine.apiRequests()).toBe(3);
    expect(ms).toBeGreaterThanOrEqual(850);
    expect(ms).toBeLessThan(5_000);
  });

  it('an engine that never answers is bounded too, and the message says no answer came', async () => {
    // Prepare: no headers, ever (headersTimeoutMs stays at its 30 s default).
    engine = await startHostileEngine(() => undefined);
    const client = engine.client({ timeoutMs: 400, retries: 0 });

    // Act
    const { result: error, ms } = await timed(() => client.endJob(JOB_ID, { succeeded: true }).catch((e: unknown) => e));

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'ETIMEDOUT' });
    expect(isRetryable(error)).toBe(true);
    expect((error as Error).message).toContain('within 400 ms: no answer came');
    expect(ms).toBeLessThan(3_000);
  });

  it('same cause: the SSO login that drips is bounded by the same timeout', async () => {
    // Prepare
    const token = JSON.stringify({ access_token: 'slow-token', token_type: 'bearer' });
    engine = await startHostileEngine(
      (_request, response) => send(response, 200, 'application/json', WIRE_JOB),
      (_request, response) => drip(response, 200, 'application/json', token, 200),
    );
    const client = engine.client({ timeoutMs: 500 });

    // Act
    const { result: error, ms } = await timed(() => client.getJob(JOB_ID).catch((e: unknown) => e));

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'ETIMEDOUT' });
    expect((error as Error).message).toContain('POST /ovirt-engine/sso/oauth/token');
    expect(ms).toBeLessThan(5_000);
    expect(engine.apiRequests()).toBe(0);
  });

  it('the caller’s AbortSignal still ends a dripping call at once, with the caller’s own reason', async () => {
    // Prepare
    engine = await startHostileEngine((_request, response) => drip(response, 201, 'application/json', WIRE_JOB, 200));
    const client = engine.client({ timeoutMs: 10_000 });
    const reason = new DOMException('invocation deadline', 'AbortError');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 150);

    // Act
    const { result: error, ms } = await timed(() => client.addJob({ description: 'd', autoCleared: true }, controller.signal).catch((e: unknown) => e));

    // Assess
    expect(error).toBe(reason);
    expect(ms).toBeLessThan(1_500);
  });

  it('a quick answer is not affected by the bound', async () => {
    // Prepare
    engine = await startHostileEngine((_request, response) => send(response, 200, 'application/json', WIRE_JOB));
    const client = engine.client({ timeoutMs: 200 });

    // Act
    const job = await client.getJob(JOB_ID);

    // Assess
    expect(job?.id).toBe(JOB_ID);
  });
});
