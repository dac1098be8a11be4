import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtClient } from '../../../src/adapters/ovirt/index.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { clientFor, startSim } from './sim.js';

// undici announces every new socket on this channel; counting them shows whether the pool
// keeps connections alive across calls (one TLS handshake per socket, not per call).
const CONNECTED = 'undici:client:connected';

let sim: OvirtEngineSimulator;
let client: OvirtClient;
let connects = 0;
const onConnect = (): void => {
  connects += 1;
};

beforeAll(async () => {
  sim = await startSim();
  client = clientFor(sim);
  subscribe(CONNECTED, onConnect);
});

afterAll(async () => {
  unsubscribe(CONNECTED, onConnect);
  await client.close();
  await sim.stop();
});

describe('Connection pool', () => {
  it('reuses its keep-alive sockets: 30 sequential calls open no new connection after the first', async () => {
    // Prepare
    const job = await client.addJob({ description: 'keep-alive', autoCleared: false });
    const warm = connects;

    // Act
    for (let i = 0; i < 10; i += 1) {
      await client.getJob(job.id);
      await client.addStep(job.id, { description: `step ${i}`, type: 'executing' });
      await client.listSteps(job.id);
    }

    // Assess
    expect(warm).toBeGreaterThan(0);
    expect(connects - warm).toBe(0);
    expect(sim.state.steps(job.id)).toHaveLength(10);
  });
});
