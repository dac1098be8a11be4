import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { clientFor, startSim } from './sim.js';

// Its own file: the insecure warning is once per process, and vitest runs each file in its own worker.
let sim: OvirtEngineSimulator;

beforeAll(async () => {
  sim = await startSim();
});

afterAll(async () => {
  await sim.stop();
});

describe('insecure: true', () => {
  it('talks to an engine it cannot verify, and warns exactly once however many clients are built', async () => {
    // Prepare
    const warn = vi.fn<(message: string, extra?: object) => void>();
    const logger = { warn };
    const first = clientFor(sim, { caPem: undefined, insecure: true, logger });
    const second = clientFor(sim, { caPem: undefined, insecure: true, logger });

    // Act
    const results = await Promise.all([first.listJobs(), second.listJobs(), first.listJobs()]);
    await Promise.all([first.close(), second.close()]);

    // Assess
    expect(results.every((jobs) => jobs.length > 0)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/TLS verification is OFF/);
  });
});
