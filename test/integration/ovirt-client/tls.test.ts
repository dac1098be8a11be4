import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { isConfigError, isOvirtUnavailableError, isRetryable } from '../../../src/errors.js';
import { clientFor, startSim } from './sim.js';

let tlsSim: OvirtEngineSimulator;
let plainSim: OvirtEngineSimulator;

beforeAll(async () => {
  [tlsSim, plainSim] = await Promise.all([startSim(), startSim({ tls: false })]);
});

afterAll(async () => {
  await Promise.all([tlsSim.stop(), plainSim.stop()]);
});

describe('TLS against the simulator', () => {
  it('verifies the engine against its CA given as a file (OVIRT_CAFILE style)', async () => {
    // Prepare
    const client = clientFor(tlsSim, { caPem: undefined, caFile: tlsSim.caFile });

    // Act
    const jobs = await client.listJobs();
    await client.close();

    // Assess
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('verifies the engine against its CA given inline', async () => {
    // Prepare
    const client = clientFor(tlsSim);

    // Act
    const jobs = await client.listJobs();
    await client.close();

    // Assess
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('fails without the CA with a clear, non-retryable error, and does not retry it', async () => {
    // Prepare
    const client = clientFor(tlsSim, { caPem: undefined });
    tlsSim.resetStats();

    // Act
    const error: unknown = await client.listJobs().catch((e: unknown) => e);
    await client.close();

    // Assess
    expect(isOvirtUnavailableError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    expect((error as { code?: string }).code).toMatch(/CERT|UNABLE_TO|SELF_SIGNED/);
    expect((error as Error).message).toMatch(/TLS verification failed.*caFile \(OVIRT_CAFILE\) or caPem.*insecure: true/);
    expect(tlsSim.stats().total).toBe(0);
  });

  it('fails against a CA that did not sign the engine certificate', async () => {
    // Prepare
    const other = await startSim();
    const client = clientFor(tlsSim, { caPem: other.caPem });

    // Act
    const error: unknown = await client.listJobs().catch((e: unknown) => e);
    await Promise.all([client.close(), other.stop()]);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtUnavailableError', retryable: false });
  });
});

describe('Plain HTTP', () => {
  it('is refused unless allowHttp is set, naming the option', () => {
    // Prepare
    const make = () => clientFor(plainSim, { allowHttp: false });

    // Act
    let thrown: unknown;
    try {
      make();
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(isConfigError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(/plain HTTP.*allowHttp: true/);
    expect(plainSim.stats().total).toBe(0);
  });

  it('works when allowHttp is set', async () => {
    // Prepare
    const client = clientFor(plainSim, { allowHttp: true, caPem: undefined });

    // Act
    const job = await client.addJob({ description: 'over http', autoCleared: false });
    await client.close();

    // Assess
    expect(plainSim.state.job(job.id)?.description).toBe('over http');
  });
});
