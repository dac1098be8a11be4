/**
 * Fault injection: every FaultKind is observable over real HTTP, rules honour match, times
 * and probability (seeded, reproducible), faults never touch admin endpoints, and the admin
 * HTTP endpoints and request stats work.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { addJob, call, encodeBody, login, startSim } from './support.js';

describe('fault injection', () => {
  let sim: OvirtEngineSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSim({ seed: 7 });
    token = await login(sim);
  });
  afterEach(() => {
    sim.faults.clear();
  });
  afterAll(async () => {
    await sim.stop();
  });

  const postJob = (cid: string) =>
    call(sim, token, 'POST', '/jobs', { body: encodeBody('job', { description: cid }, 'xml'), headers: { 'correlation-id': cid } });

  it('latency delays matching requests by latencyMs', async () => {
    // Prepare
    sim.faults.add({ kind: 'latency', latencyMs: 250, times: 1, match: { method: 'GET', route: 'GET /jobs' } });
    const started = performance.now();
    // Act
    const result = await call(sim, token, 'GET', '/jobs');
    // Assess
    expect(result.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(sim.faults.injected().latency).toBe(1);
  });

  it('http-500 answers a 500 fault without applying the change', async () => {
    // Prepare
    sim.faults.add({ kind: 'http-500', times: 1, match: { route: 'POST /jobs' } });
    // Act
    const result = await postJob('f-500');
    // Assess
    expect(result.status).toBe(500);
    expect(sim.state.findByCorrelationId('f-500')).toEqual([]);
  });

  it('http-503 answers the front end 503 page without applying the change', async () => {
    // Prepare
    sim.faults.add({ kind: 'http-503', times: 1 });
    // Act
    const result = await postJob('f-503');
    // Assess
    expect(result.status).toBe(503);
    expect(result.headers.get('content-type')).toMatch(/^text\/html/);
    expect(sim.state.findByCorrelationId('f-503')).toEqual([]);
  });

  it('reset-before-apply kills the connection and changes nothing', async () => {
    // Prepare
    sim.faults.add({ kind: 'reset-before-apply', times: 1, match: { route: 'POST /jobs' } });
    // Act
    const outcome = await postJob('f-reset-before').then(() => 'answered', (error: unknown) => error);
    // Assess
    expect(outcome).toBeInstanceOf(TypeError);
    expect(sim.state.findByCorrelationId('f-reset-before')).toEqual([]);
  });

  it('reset-after-apply kills the connection although the job was created', async () => {
    // Prepare
    sim.faults.add({ kind: 'reset-after-apply', times: 1, match: { route: 'POST /jobs' } });
    // Act
    const outcome = await postJob('f-reset-after').then(() => 'answered', (error: unknown) => error);
    // Assess
    expect(outcome).toBeInstanceOf(TypeError);
    expect(sim.state.findByCorrelationId('f-reset-after')).toHaveLength(1);
    expect(sim.faults.injected()['reset-after-apply']).toBeGreaterThanOrEqual(1);
  });

  it('issue 9 #2: login-page-200 answers a 200 HTML login page and applies nothing', async () => {
    // Prepare
    sim.faults.add({ kind: 'login-page-200', times: 1, match: { route: 'POST /jobs' } });
    // Act
    const result = await postJob('f-login-page');
    // Assess
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^text\/html/);
    expect(result.text).toContain('<form');
    expect(sim.state.findByCorrelationId('f-login-page')).toEqual([]);
    expect(sim.faults.injected()['login-page-200']).toBe(1);
  });

  it('issue 9 #2: empty-200 applies the change and answers 200 with an empty JSON object', async () => {
    // Prepare
    sim.faults.add({ kind: 'empty-200', times: 1, match: { route: 'POST /jobs' } });
    // Act
    const result = await postJob('f-empty');
    // Assess
    expect(result.status).toBe(200);
    expect(result.text.trim()).toBe('{}');
    expect(sim.state.findByCorrelationId('f-empty')).toHaveLength(1);
  });

  it('issue 9 #2: action-failed-200 answers a 200 action whose status is failed, and does not end the job', async () => {
    // Prepare
    const jobId = await addJob(sim, token, 'json');
    sim.faults.add({ kind: 'action-failed-200', times: 1, match: { route: 'POST /jobs/{id}/end' } });
    // Act
    const result = await call(sim, token, 'POST', `/jobs/${jobId}/end`, { format: 'json', body: encodeBody('action', { succeeded: true }, 'json') });
    // Assess
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'failed', fault: { reason: 'Operation Failed' } });
    expect(sim.state.job(jobId)?.status).toBe('started');
  });

  it('applies a rule to the next N matching requests only, and only to its route', async () => {
    // Prepare
    sim.faults.add({ kind: 'http-503', times: 2, match: { route: 'POST /jobs/{id}/steps' } });
    const jobId = await addJob(sim, token, 'xml');
    const body = encodeBody('step', { description: 's', type: 'executing' }, 'xml');
    // Act
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await call(sim, token, 'POST', `/jobs/${jobId}/steps`, { body })).status);
    // Assess
    expect(statuses).toEqual([503, 503, 201]);
  });

  it('applies to SSO requests but never to admin endpoints or the monitor page', async () => {
    // Prepare
    sim.faults.add({ kind: 'http-503' });
    // Act
    const sso = await fetch(`${sim.url}/ovirt-engine/sso/oauth/token`, { method: 'POST', headers: { accept: 'application/json' }, body: '' });
    const admin = await fetch(`${sim.url}/__sim/state`);
    const page = await fetch(`${sim.url}/`);
    // Assess
    expect([sso.status, admin.status, page.status]).toEqual([503, 200, 200]);
  });

  it('draws probabilities from the seeded PRNG, so the same seed gives the same pattern', async () => {
    // Prepare
    const pattern = async (): Promise<number[]> => {
      const other = await startSim({ seed: 42 });
      other.faults.add({ kind: 'http-503', probability: 0.5 });
      const statuses = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await fetch(`${other.apiUrl}/jobs`)).status);
      await other.stop();
      return statuses;
    };
    // Act
    const first = await pattern();
    const second = await pattern();
    // Assess
    expect(first).toEqual(second);
    expect(first).toContain(503);
    expect(first).toContain(401);
  });
});

describe('admin endpoints', () => {
  let sim: OvirtEngineSimulator;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.stop();
  });

  const admin = (method: string, path: string, body?: string) => fetch(`${sim.url}/__sim${path}`, { method, body });

  it('adds, lists and clears fault rules over HTTP; bad rules get a 400 that says how to fix them', async () => {
    // Prepare
    const rule = JSON.stringify({ kind: 'http-500', times: 1, match: { route: 'GET /jobs' } });
    // Act
    const added = await admin('POST', '/faults', rule);
    const bad = await admin('POST', '/faults', JSON.stringify({ kind: 'explode' }));
    const listed = (await (await admin('GET', '/faults')).json()) as { rules: unknown[] };
    const cleared = await admin('DELETE', '/faults');
    // Assess
    expect(added.status).toBe(201);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Invalid fault rule .*kind/);
    expect(listed.rules).toHaveLength(1);
    expect(cleared.status).toBe(200);
    expect((await (await admin('GET', '/faults')).json()) as object).toMatchObject({ rules: [] });
  });

  it('counts API and SSO requests by method, route and status; resetStats starts over', async () => {
    // Prepare
    sim.resetStats();
    const token = await login(sim);
    // Act
    await call(sim, token, 'GET', '/jobs');
    await call(sim, token, 'POST', '/jobs', { body: encodeBody('job', { description: 'x' }, 'xml') });
    await admin('GET', '/state');
    const stats = sim.stats();
    sim.resetStats();
    // Assess
    expect(stats).toEqual({
      total: 3,
      byMethod: { POST: 2, GET: 1 },
      byRoute: { 'POST /sso/oauth/token': 1, 'GET /jobs': 1, 'POST /jobs': 1 },
      byStatus: { '200': 2, '201': 1 },
    });
    expect(sim.stats().total).toBe(0);
  });

  it('restarts, revokes tokens and runs cleanup on request', async () => {
    // Prepare
    const token = await login(sim);
    const jobId = await addJob(sim, token, 'xml');
    // Act
    const restart = await admin('POST', '/restart');
    const afterRestart = await call(sim, token, 'GET', '/jobs');
    const fresh = await login(sim);
    const revoke = await admin('POST', '/revoke-tokens');
    const afterRevoke = await call(sim, fresh, 'GET', '/jobs');
    const cleanup = (await (await admin('POST', '/cleanup')).json()) as { deleted: number };
    // Assess
    expect([restart.status, revoke.status]).toEqual([200, 200]);
    expect(sim.state.job(jobId)?.status).toBe('unknown');
    expect([afterRestart.status, afterRevoke.status]).toEqual([401, 401]);
    expect(typeof cleanup.deleted).toBe('number');
  });
});

describe('fault injection over TLS', () => {
  it('reset-after-apply drops a TLS connection without an answer, and the job exists', async () => {
    // Prepare
    const { Agent, request } = await import('undici');
    const { startOvirtEngine } = await import('../../../src/local/ovirt-engine/index.js');
    const sim = await startOvirtEngine({ tls: true, users: [{ name: 'admin@internal', password: 'pw' }] });
    const dispatcher = new Agent({ connect: { ca: sim.caPem } });
    try {
      const auth = `Basic ${Buffer.from('admin@internal:pw').toString('base64')}`;
      sim.faults.add({ kind: 'reset-after-apply', times: 1, match: { route: 'POST /jobs' } });

      // Act
      const attempt = request(`${sim.apiUrl}/jobs`, {
        method: 'POST',
        dispatcher,
        headers: { authorization: auth, 'content-type': 'application/xml', 'correlation-id': 'tls-reset' },
        body: '<job><description>tls reset</description></job>',
      });

      // Assess
      await expect(attempt).rejects.toThrow();
      expect(sim.state.findByCorrelationId('tls-reset')).toHaveLength(1);
      expect(sim.stats().byStatus.reset).toBe(1);
    } finally {
      await dispatcher.close();
      await sim.stop();
    }
  });
});
