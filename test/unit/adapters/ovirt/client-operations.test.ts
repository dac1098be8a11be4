import { afterEach, describe, expect, it } from 'vitest';
import { isOvirtHttpError, isRetryable } from '../../../../src/errors.js';
import { fakeEngine, isLogin, tokenReply, type Recorded, type Reply } from './fake-engine.js';

const JOB_ID = '3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10';
const STEP_ID = '9a0b1c2d-0000-4000-8000-000000000001';
const API = '/ovirt-engine/api';
const wireJob = { id: JOB_ID, description: 'sfn exec 42', status: 'started', auto_cleared: 'false', external: 'true', start_time: 1714644930123, last_updated: 1714644930123 };
const wireStep = { id: STEP_ID, description: 'Validate', type: 'validating', number: '0', status: 'started', external: 'true', start_time: 1714644962004, job: { id: JOB_ID } };
const actionOk = (extra: object = {}): Reply => ({ status: 200, json: { ...extra, status: 'complete' } });

const agents: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});

/** An engine that logs in and answers every API call with `reply`. */
function engineAnswering(reply: Reply | ((request: Recorded) => Reply)) {
  const engine = fakeEngine((request) => (isLogin(request) ? tokenReply('t') : typeof reply === 'function' ? reply(request) : reply));
  agents.push(engine.agent);
  return engine;
}

const lastApiCall = (engine: ReturnType<typeof engineAnswering>): Recorded => engine.apiCalls().at(-1) as Recorded;
const jsonBody = (call: Recorded): unknown => JSON.parse(call.body ?? 'null');

describe('Method: addJob', () => {
  it('posts description and auto_cleared as a string, with the Correlation-Id header, and decodes the 201 job', async () => {
    // Prepare
    const engine = engineAnswering({ status: 201, json: wireJob });
    const client = engine.client();

    // Act
    const job = await client.addJob({ description: 'sfn exec 42', autoCleared: false, correlationId: 'exec-42_a1' });

    // Assess
    const call = lastApiCall(engine);
    expect([call.method, call.path]).toEqual(['POST', `${API}/jobs`]);
    expect(call.headers).toMatchObject({ 'correlation-id': 'exec-42_a1', 'content-type': 'application/json' });
    expect(jsonBody(call)).toEqual({ description: 'sfn exec 42', auto_cleared: 'false' });
    expect(job).toMatchObject({ id: JOB_ID, status: 'started', autoCleared: false, external: true, startTime: 1714644930123 });
  });

  it('refuses a correlation id the engine would mangle, before sending anything', async () => {
    // Prepare
    const engine = engineAnswering({ status: 201, json: wireJob });
    const client = engine.client();

    // Act
    const outcome = client.addJob({ description: 'd', autoCleared: true, correlationId: 'arn:aws:states:eu-west-1:123:execution:x' });

    // Assess
    await expect(outcome).rejects.toThrow(TypeError);
    expect(engine.calls).toHaveLength(0);
  });

  it('reports a blank-description fault with the engine words', async () => {
    // Prepare
    const engine = engineAnswering({ status: 400, json: { detail: '[Cannot ${action} ${type}. Description can not be empty.]', reason: 'Operation Failed' } });
    const client = engine.client();

    // Act
    const error: unknown = await client.addJob({ description: ' ', autoCleared: false }).catch((e: unknown) => e);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, reason: 'Operation Failed', detail: '[Cannot ${action} ${type}. Description can not be empty.]' });
  });
});

describe('Reads', () => {
  it('getJob resolves to null on a 404 with an empty body', async () => {
    // Prepare
    const engine = engineAnswering({ status: 404 });
    const client = engine.client();

    // Act
    const job = await client.getJob(JOB_ID);

    // Assess
    expect(job).toBeNull();
    expect(lastApiCall(engine).path).toBe(`${API}/jobs/${JOB_ID}`);
  });

  it('findJobsByCorrelationId searches correlation_id with the = encoded', async () => {
    // Prepare
    const engine = engineAnswering({ status: 200, json: { job: [wireJob] } });
    const client = engine.client();

    // Act
    const jobs = await client.findJobsByCorrelationId('exec-42_a1');

    // Assess
    expect(lastApiCall(engine).path).toBe(`${API}/jobs?search=correlation_id%3Dexec-42_a1`);
    expect(jobs.map((j) => j.id)).toEqual([JOB_ID]);
  });

  it.each([
    ['{}', {}],
    ['{"job": []}', { job: [] }],
    ['[]', []],
  ])('findJobsByCorrelationId reads the empty collection %s as []', async (_label, json) => {
    // Prepare
    const engine = engineAnswering({ status: 200, json });
    const client = engine.client();

    // Act
    const jobs = await client.findJobsByCorrelationId('none');

    // Assess
    expect(jobs).toEqual([]);
  });

  it('listJobs lists everything without a search', async () => {
    // Prepare
    const engine = engineAnswering({ status: 200, json: { job: [wireJob, { ...wireJob, id: 'internal', external: 'false', description: 'Adding Disk' }] } });
    const client = engine.client();

    // Act
    const jobs = await client.listJobs();

    // Assess
    expect(lastApiCall(engine).path).toBe(`${API}/jobs`);
    expect(jobs.map((j) => [j.id, j.external])).toEqual([[JOB_ID, true], ['internal', false]]);
  });

  it('listSteps and getStep decode steps, getStep resolving to null on 404', async () => {
    // Prepare
    const engine = engineAnswering((request) =>
      request.path.endsWith('/steps') ? { status: 200, json: { step: [wireStep] } } : request.path.endsWith(STEP_ID) ? { status: 200, json: wireStep } : { status: 404 });
    const client = engine.client();

    // Act
    const steps = await client.listSteps(JOB_ID);
    const step = await client.getStep(JOB_ID, STEP_ID);
    const missing = await client.getStep(JOB_ID, 'gone');

    // Assess
    expect(steps).toEqual([step]);
    expect(step).toMatchObject({ id: STEP_ID, jobId: JOB_ID, type: 'validating', number: 0, status: 'started', external: true });
    expect(missing).toBeNull();
  });

  it('reports a 200 answer that is not an API document as an OvirtHttpError, not retried', async () => {
    // Prepare
    const engine = engineAnswering({ status: 200, json: { nothing: 'here' } });
    const client = engine.client();

    // Act
    const error: unknown = await client.getJob(JOB_ID).catch((e: unknown) => e);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    expect((error as Error).message).toMatch(/Unexpected response: a job has no id/);
    expect(engine.apiCalls()).toHaveLength(1);
  });
});

describe('Actions', () => {
  it('endJob posts succeeded and force as strings and accepts status complete', async () => {
    // Prepare
    const engine = engineAnswering(actionOk({ job: { id: JOB_ID } }));
    const client = engine.client();

    // Act
    await client.endJob(JOB_ID, { succeeded: false, force: true });

    // Assess
    const call = lastApiCall(engine);
    expect([call.method, call.path]).toEqual(['POST', `${API}/jobs/${JOB_ID}/end`]);
    expect(jsonBody(call)).toEqual({ succeeded: 'false', force: 'true' });
  });

  it('endJob leaves force out when not asked for', async () => {
    // Prepare
    const engine = engineAnswering(actionOk());
    const client = engine.client();

    // Act
    await client.endJob(JOB_ID, { succeeded: true });

    // Assess
    expect(jsonBody(lastApiCall(engine))).toEqual({ succeeded: 'true' });
  });

  it('clearJob posts an empty object', async () => {
    // Prepare
    const engine = engineAnswering(actionOk());
    const client = engine.client();

    // Act
    await client.clearJob(JOB_ID);

    // Assess
    expect([lastApiCall(engine).path, jsonBody(lastApiCall(engine))]).toEqual([`${API}/jobs/${JOB_ID}/clear`, {}]);
  });

  it('endStep always sends succeeded', async () => {
    // Prepare
    const engine = engineAnswering(actionOk());
    const client = engine.client();

    // Act
    await client.endStep(JOB_ID, STEP_ID, { succeeded: true });

    // Assess
    expect([lastApiCall(engine).path, jsonBody(lastApiCall(engine))]).toEqual([`${API}/jobs/${JOB_ID}/steps/${STEP_ID}/end`, { succeeded: 'true' }]);
  });

  it('reports an action that failed with a nested fault (400), without retrying it', async () => {
    // Prepare
    const engine = engineAnswering({ status: 400, json: { status: 'failed', succeeded: 'true', fault: { detail: '[Cannot Clear External Job. Job not found.]', reason: 'Operation Failed' } } });
    const client = engine.client();

    // Act
    const error: unknown = await client.endJob('b7e1c6a2-0000-4000-8000-00000000dead', { succeeded: true }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtHttpError', status: 400, reason: 'Operation Failed', detail: '[Cannot Clear External Job. Job not found.]', retryable: false });
    expect(engine.apiCalls()).toHaveLength(1);
  });

  it('treats a 200 action whose status says failed as an error', async () => {
    // Prepare
    const engine = engineAnswering({ status: 200, json: { status: 'failed', fault: { reason: 'Operation Failed', detail: '[odd]' } } });
    const client = engine.client();

    // Act
    const outcome = client.clearJob(JOB_ID);

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'OvirtHttpError', reason: 'Operation Failed', detail: '[odd]' });
  });
});

describe('Method: addStep', () => {
  it('posts description, type and the parent as parent_step.id, and decodes the 201 step', async () => {
    // Prepare
    const parentId = '77c1aaaa-0000-4000-8000-000000000002';
    const engine = engineAnswering({ status: 201, json: { ...wireStep, parent_step: { id: parentId } } });
    const client = engine.client();

    // Act
    const step = await client.addStep(JOB_ID, { description: 'map item 3', type: 'executing', parentStepId: parentId });

    // Assess
    const call = lastApiCall(engine);
    expect([call.method, call.path]).toEqual(['POST', `${API}/jobs/${JOB_ID}/steps`]);
    expect(jsonBody(call)).toEqual({ description: 'map item 3', type: 'executing', parent_step: { id: parentId } });
    expect(step.parentStepId).toBe(parentId);
  });

  it('sends no parent_step for a direct step', async () => {
    // Prepare
    const engine = engineAnswering({ status: 201, json: wireStep });
    const client = engine.client();

    // Act
    await client.addStep(JOB_ID, { description: 'Validate', type: 'validating' });

    // Assess
    expect(jsonBody(lastApiCall(engine))).toEqual({ description: 'Validate', type: 'validating' });
  });
});
