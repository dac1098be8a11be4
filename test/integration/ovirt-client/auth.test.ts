import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtClient } from '../../../src/adapters/ovirt/index.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { isOvirtAuthError, isRetryable } from '../../../src/errors.js';
import { clientFor, LOGIN_ROUTE, PASSWORD, requestsTo, startSim, USER } from './sim.js';

/** A hand-moved clock, so a 30-minute idle session takes no time at all. */
const clock = { millis: Date.parse('2026-01-05T09:00:00Z'), now(): number { return this.millis; } };

let sim: OvirtEngineSimulator;
const clients: OvirtClient[] = [];
const open = (client: OvirtClient): OvirtClient => (clients.push(client), client);

beforeAll(async () => {
  sim = await startSim({ sessionIdleMinutes: 30, clock });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  sim.faults.clear();
  sim.resetStats();
});

afterAll(async () => {
  await sim.stop();
});

describe('SSO login against the simulator', () => {
  it('logs in once and reuses the token for the life of the client', async () => {
    // Prepare
    const client = open(clientFor(sim));

    // Act
    const job = await client.addJob({ description: 'auth 1', autoCleared: false });
    await client.getJob(job.id);
    await client.listSteps(job.id);

    // Assess
    expect(requestsTo(sim, LOGIN_ROUTE)).toBe(1);
  });

  it('shares one login between concurrent first calls', async () => {
    // Prepare
    const client = open(clientFor(sim));

    // Act
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.addJob({ description: `parallel ${i}`, autoCleared: false })));

    // Assess
    expect(requestsTo(sim, LOGIN_ROUTE)).toBe(1);
    expect(requestsTo(sim, 'POST /jobs')).toBe(5);
  });

  it('logs in again after the engine revoked every token (401), and the call succeeds', async () => {
    // Prepare
    const client = open(clientFor(sim));
    const job = await client.addJob({ description: 'auth revoked', autoCleared: false });
    sim.revokeAllTokens();

    // Act
    const read = await client.getJob(job.id);

    // Assess
    expect(read?.id).toBe(job.id);
    expect(requestsTo(sim, LOGIN_ROUTE)).toBe(2);
    expect(sim.stats().byStatus['401']).toBe(1);
  });

  it('survives a token revoked in the middle of a sequence of writes', async () => {
    // Prepare
    const client = open(clientFor(sim));
    const job = await client.addJob({ description: 'mid-sequence', autoCleared: false });
    const first = await client.addStep(job.id, { description: 'before', type: 'executing' });

    // Act
    sim.revokeAllTokens();
    const second = await client.addStep(job.id, { description: 'after', type: 'executing' });
    await client.endStep(job.id, first.id, { succeeded: true });
    await client.endStep(job.id, second.id, { succeeded: true });
    await client.endJob(job.id, { succeeded: true });

    // Assess
    expect(sim.state.steps(job.id).map((s) => [s.description, s.status])).toEqual([['before', 'finished'], ['after', 'finished']]);
    expect(sim.state.job(job.id)?.status).toBe('finished');
    expect(requestsTo(sim, 'POST /jobs/{id}/steps')).toBe(3);
  });

  it('logs in again after the engine session idled out (30 minutes)', async () => {
    // Prepare
    const client = open(clientFor(sim));
    const job = await client.addJob({ description: 'idle', autoCleared: false });

    // Act
    clock.millis += 31 * 60_000;
    const read = await client.getJob(job.id);

    // Assess
    expect(read?.id).toBe(job.id);
    expect(requestsTo(sim, LOGIN_ROUTE)).toBe(2);
  });

  it('refuses a wrong password with an OvirtAuthError that says what to check and hides the password', async () => {
    // Prepare
    const wrong = `${PASSWORD}-typo`;
    const client = open(clientFor(sim, { password: wrong }));

    // Act
    const error: unknown = await client.listJobs().catch((e: unknown) => e);

    // Assess
    expect(isOvirtAuthError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    const message = (error as Error).message;
    expect(message).toMatch(/The username or password is incorrect.*\(access_denied\).*user@profile/);
    expect(message).not.toContain(wrong);
  });

  it('uses a ready token as is, and reports it invalid once revoked when it has no credentials', async () => {
    // Prepare
    const issuer = open(clientFor(sim));
    await issuer.listJobs();
    const token = await loginToken(sim);
    const tokenOnly = open(clientFor(sim, { username: undefined, password: undefined, token }));
    const before = await tokenOnly.listJobs();
    sim.revokeAllTokens();

    // Act
    const error: unknown = await tokenOnly.listJobs().catch((e: unknown) => e);

    // Assess
    expect(before.length).toBeGreaterThan(0);
    expect(isOvirtAuthError(error)).toBe(true);
    expect((error as Error).message).toMatch(/invalid, revoked or expired/);
    expect((error as Error).message).not.toContain(token);
  });

  it('logs out: the old token stops working and the client logs in afresh', async () => {
    // Prepare
    const client = open(clientFor(sim));
    await client.listJobs();

    // Act
    await client.logout();
    await client.listJobs();

    // Assess
    expect(requestsTo(sim, 'POST /services/sso-logout')).toBe(1);
    expect(requestsTo(sim, LOGIN_ROUTE)).toBe(2);
    expect(sim.stats().byStatus['401']).toBeUndefined();
  });
});

/** loginToken gets a token the way any SSO client would, for the ready-token test. */
async function loginToken(engine: OvirtEngineSimulator): Promise<string> {
  const { request, Agent } = await import('undici');
  const dispatcher = new Agent({ connect: { ca: engine.caPem } });
  try {
    const response = await request(`${engine.url}/ovirt-engine/sso/oauth/token`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'password', scope: 'ovirt-app-api', username: USER, password: PASSWORD }).toString(),
    });
    const body = (await response.body.json()) as { access_token: string };
    return body.access_token;
  } finally {
    await dispatcher.close();
  }
}
