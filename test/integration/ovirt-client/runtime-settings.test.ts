/**
 * The runtime builds the oVirt client from the configuration: OVIRT_TIMEOUT_MS must reach it as
 * the bound on each call as a whole (not only on the headers and the gaps in the body), and
 * OVIRT_MAX_RESPONSE_BYTES as the answer cap. Run against a hostile stand-in on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { drip, startHostileEngine, stream, type HostileEngine } from './hostile-engine.js';

const WIRE_JOB = JSON.stringify({ id: '3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10', description: 'd', status: 'started', external: 'true' });

let engine: HostileEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

/** ovirtOf builds the runtime's oVirt client for `engine` with the extra variables `env`. */
function ovirtOf(stub: HostileEngine, env: Record<string, string>) {
  const config = loadConfig({
    TRACKING_TABLE_NAME: 'tracking',
    OVIRT_URL: stub.url,
    OVIRT_ALLOW_HTTP: 'true',
    OVIRT_USERNAME: 'admin@internal',
    OVIRT_PASSWORD: 'runtime-test-password',
    ...env,
  });
  return createRuntime(config).deps().ovirt;
}

describe('the runtime gives the oVirt client its configured bounds', () => {
  it('issue 10 #3: OVIRT_TIMEOUT_MS bounds a call as a whole, so an answer that drips in is cut off at it', async () => {
    // Prepare: headers at once, then one byte every 200 ms (the whole answer would take about 20 s).
    engine = await startHostileEngine((_request, response) => drip(response, 201, 'application/json', WIRE_JOB, 200));
    const ovirt = ovirtOf(engine, { OVIRT_TIMEOUT_MS: '1000' });
    const started = performance.now();

    // Act
    const error = await ovirt.addJob({ description: 'd', autoCleared: true }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'ETIMEDOUT' });
    expect((error as Error).message).toContain('within 1000 ms');
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('issue 10 #3: OVIRT_MAX_RESPONSE_BYTES caps the answer read', async () => {
    // Prepare: a 64 KiB answer, far over a 1 KiB cap and far under the client's default.
    engine = await startHostileEngine((_request, response) => void stream(response, 201, 'application/json', Buffer.alloc(4_096, 'x'), 64 * 1_024));
    const ovirt = ovirtOf(engine, { OVIRT_MAX_RESPONSE_BYTES: '1024' });

    // Act
    const error = await ovirt.addJob({ description: 'd', autoCleared: true }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', code: 'RESPONSE_TOO_LARGE' });
    expect((error as Error).message).toContain('larger than 1024 bytes');
  });
});
