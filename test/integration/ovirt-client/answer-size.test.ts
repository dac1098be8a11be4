/**
 * Regression tests for issue 9's unbounded answers: a 300 MiB answer to POST /jobs took the
 * process from 126 to 1,349 MiB, and 600 MiB failed with ERR_STRING_TOO_LONG. The client now
 * streams the body and stops at maxResponseBytes (OVIRT_MAX_RESPONSE_BYTES). Run against a
 * hostile stand-in on 127.0.0.1 that writes as fast as the client reads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isOvirtUnavailableError, isRetryable } from '../../../src/errors.js';
import { send, startHostileEngine, stream, type HostileEngine } from './hostile-engine.js';

const JOB_ID = '3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10';
const MiB = 1024 * 1024;
const CAP = 1 * MiB;
/** Far more than any cap: to the client, an endless answer. */
const ENDLESS = 512 * MiB;
const FILLER = Buffer.alloc(64 * 1024, 'x');

let engine: HostileEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

/** peakRssGrowth runs `work` and reports how far the resident set grew above where it started. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

describe('issue 9, unbounded answers: the client reads at most maxResponseBytes of an answer', () => {
  it('an endless answer to POST /jobs stops at the cap with memory bounded, and the error names the cap and OVIRT_MAX_RESPONSE_BYTES', async () => {
    // Prepare
    let written: Promise<number> = Promise.resolve(0);
    engine = await startHostileEngine((_request, response) => {
      written = stream(response, 201, 'application/json', FILLER, ENDLESS);
    });
    const client = engine.client({ maxResponseBytes: CAP });

    // Act
    const { result: error, growth } = await peakRssGrowth(() =>
      client.addJob({ description: 'd', autoCleared: true, correlationId: 'exec-42' }).catch((e: unknown) => e),
    );

    // Assess
    expect(isOvirtUnavailableError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', retryable: false });
    const message = (error as Error).message;
    expect(message).toContain(`larger than ${CAP} bytes`);
    expect(message).toContain('OVIRT_MAX_RESPONSE_BYTES');
    expect(message).toContain('POST /ovirt-engine/api/jobs');
    expect(message).toMatch(/may have applied the request/);
    expect(growth).toBeLessThan(64 * MiB);
    // Reading stopped early: the stand-in got rid of little more than the cap plus socket buffers.
    expect(await written).toBeLessThan(64 * MiB);
    expect(engine.apiRequests()).toBe(1);
  });

  it('an announced Content-Length over the cap is refused at once, before the body arrives', async () => {
    // Prepare: headers promise 300 MiB, then the body never comes.
    engine = await startHostileEngine((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(300 * MiB) });
      response.write('{');
    });
    const client = engine.client({ maxResponseBytes: CAP });
    const started = performance.now();

    // Act
    const error: unknown = await client.listSteps(JOB_ID).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'RESPONSE_TOO_LARGE' });
    // Well before the 30 s body timeout that used to end such an answer.
    expect(performance.now() - started).toBeLessThan(5_000);
    // Not retried: the same request gets the same answer.
    expect(engine.apiRequests()).toBe(1);
  });

  it('same cause: a job end answered 200 with an endless body fails at the cap, not retried', async () => {
    // Prepare
    engine = await startHostileEngine((_request, response) => void stream(response, 200, 'application/json', FILLER, ENDLESS));
    const client = engine.client({ maxResponseBytes: CAP });

    // Act
    const error: unknown = await client.endJob(JOB_ID, { succeeded: true }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'RESPONSE_TOO_LARGE' });
    expect(isRetryable(error)).toBe(false);
    expect((error as Error).message).not.toMatch(/may have applied/);
    expect(engine.apiRequests()).toBe(1);
  });

  it('same cause: the SSO login answered with an endless body fails at the cap', async () => {
    // Prepare
    engine = await startHostileEngine(
      (_request, response) => send(response, 200, 'application/json', '{}'),
      (_request, response) => void stream(response, 200, 'application/json', FILLER, ENDLESS),
    );
    const client = engine.client({ maxResponseBytes: CAP });

    // Act
    const error: unknown = await client.getJob(JOB_ID).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'RESPONSE_TOO_LARGE' });
    expect((error as Error).message).toContain('POST /ovirt-engine/sso/oauth/token');
    expect(engine.apiRequests()).toBe(0);
  });

  it('an answer just under the cap is read whole', async () => {
    // Prepare: a step list of a little under 1 MiB.
    const step = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, description: 'd'.repeat(200), type: 'executing', status: 'started', number: String(n) });
    const steps = Array.from({ length: 3_200 }, (_, n) => step(n));
    const body = JSON.stringify({ step: steps });
    expect(Buffer.byteLength(body)).toBeGreaterThan(0.8 * CAP);
    expect(Buffer.byteLength(body)).toBeLessThan(CAP);
    engine = await startHostileEngine((_request, response) => send(response, 200, 'application/json', body));
    const client = engine.client({ maxResponseBytes: CAP });

    // Act
    const read = await client.listSteps(JOB_ID);

    // Assess
    expect(read).toHaveLength(3_200);
  });
});
