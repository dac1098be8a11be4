import { afterEach, describe, expect, it } from 'vitest';
import { errors as undiciErrors } from 'undici';
import { isOvirtUnavailableError, isRetryable } from '../../../../src/errors.js';
import { fakeEngine, isLogin, tokenReply, type Route } from './fake-engine.js';

const JOB_ID = '3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10';
const wireJob = { id: JOB_ID, description: 'd', status: 'started' };

const agents: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});

/** An engine whose API answers come from `answers` in order (errors are thrown), then from `rest`. */
function scriptedEngine(answers: (Error | { status: number; json?: unknown })[], rest: { status: number; json?: unknown } = { status: 200, json: wireJob }) {
  const queue = [...answers];
  const route: Route = (request) => {
    if (isLogin(request)) return tokenReply('t');
    const next = queue.shift() ?? rest;
    if (next instanceof Error) throw next;
    return next;
  };
  const engine = fakeEngine(route);
  agents.push(engine.agent);
  return engine;
}

const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('Retries', () => {
  it('retries a read after a header timeout and succeeds on the next attempt', async () => {
    // Prepare
    const engine = scriptedEngine([new undiciErrors.HeadersTimeoutError()]);
    const client = engine.client();

    // Act
    const job = await client.getJob(JOB_ID);

    // Assess
    expect(job?.id).toBe(JOB_ID);
    expect(engine.apiCalls()).toHaveLength(2);
  });

  it('gives up after 3 attempts in all and reports the last failure as retryable', async () => {
    // Prepare
    const engine = scriptedEngine([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    const client = engine.client();

    // Act
    const error: unknown = await client.listJobs().catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtHttpError', status: 503, retryable: true });
    expect(engine.apiCalls()).toHaveLength(3);
  });

  it('retries end and clear actions after a reset', async () => {
    // Prepare
    const complete = { status: 200, json: { status: 'complete' } };
    const engine = scriptedEngine([reset(), complete, reset()], complete);
    const client = engine.client();

    // Act
    await client.endJob(JOB_ID, { succeeded: true });
    await client.clearJob(JOB_ID);

    // Assess
    expect(engine.apiCalls().map((c) => c.path.split('/').at(-1))).toEqual(['end', 'end', 'clear', 'clear']);
  });

  it('never retries an add, and says the add may have been applied', async () => {
    // Prepare
    const engine = scriptedEngine([reset()], { status: 201, json: wireJob });
    const client = engine.client();

    // Act
    const error: unknown = await client.addJob({ description: 'd', autoCleared: false, correlationId: 'c1' }).catch((e: unknown) => e);

    // Assess
    expect(isOvirtUnavailableError(error)).toBe(true);
    expect(isRetryable(error)).toBe(true);
    expect((error as Error).message).toMatch(/may have applied the request/);
    expect(engine.apiCalls()).toHaveLength(1);
  });

  it('never retries a step add after a 500', async () => {
    // Prepare
    const engine = scriptedEngine([{ status: 500, json: { reason: 'Operation Failed', detail: 'boom' } }]);
    const client = engine.client();

    // Act
    const outcome = client.addStep(JOB_ID, { description: 's', type: 'executing' });

    // Assess
    await expect(outcome).rejects.toMatchObject({ status: 500, retryable: true });
    expect(engine.apiCalls()).toHaveLength(1);
  });

  it('makes a single attempt when retries is 0', async () => {
    // Prepare
    const engine = scriptedEngine([{ status: 503 }]);
    const client = engine.client({ retries: 0 });

    // Act
    const outcome = client.getJob(JOB_ID);

    // Assess
    await expect(outcome).rejects.toMatchObject({ status: 503 });
    expect(engine.apiCalls()).toHaveLength(1);
  });

  it('does not retry a TLS verification failure and says how to fix it', async () => {
    // Prepare
    const tlsFailure = Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const engine = fakeEngine(() => {
      throw tlsFailure;
    });
    agents.push(engine.agent);
    const client = engine.client();

    // Act
    const error: unknown = await client.getJob(JOB_ID).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', retryable: false });
    expect((error as Error).message).toMatch(/caFile \(OVIRT_CAFILE\) or caPem/);
    expect(engine.calls).toHaveLength(1);
  });

  it('maps a body timeout and a closed socket to retryable errors with their undici codes', async () => {
    // Prepare
    const engine = scriptedEngine([new undiciErrors.BodyTimeoutError(), new undiciErrors.SocketError('other side closed')]);
    const client = engine.client({ retries: 0 });

    // Act
    const first: unknown = await client.getJob(JOB_ID).catch((e: unknown) => e);
    const second: unknown = await client.getJob(JOB_ID).catch((e: unknown) => e);

    // Assess
    expect([first, second]).toMatchObject([
      { name: 'OvirtUnavailableError', code: 'UND_ERR_BODY_TIMEOUT', retryable: true },
      { name: 'OvirtUnavailableError', code: 'UND_ERR_SOCKET', retryable: true },
    ]);
  });
});

describe('Abort signal', () => {
  it('rejects at once with the caller’s reason when the signal is already aborted, sending nothing', async () => {
    // Prepare
    const engine = scriptedEngine([]);
    const client = engine.client();
    const reason = new DOMException('deadline', 'AbortError');

    // Act
    const outcome = client.getJob(JOB_ID, AbortSignal.abort(reason));

    // Assess
    await expect(outcome).rejects.toBe(reason);
    expect(engine.calls).toHaveLength(0);
  });

  it('stops between retries when the signal aborts during the backoff wait', async () => {
    // Prepare
    const engine = scriptedEngine([{ status: 503 }, { status: 503 }, { status: 503 }]);
    const client = engine.client({ retryBaseDelayMs: 5_000, retryMaxDelayMs: 5_000 });
    const controller = new AbortController();
    const started = performance.now();

    // Act
    const outcome = client.getJob(JOB_ID, controller.signal);
    setTimeout(() => controller.abort(), 50);

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(engine.apiCalls()).toHaveLength(1);
  });
});
