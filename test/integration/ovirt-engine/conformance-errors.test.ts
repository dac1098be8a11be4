/**
 * The error catalogue (docs/ovirt-engine-behaviour.md §3.7) row by row, and §7 items 14, 15, 16 and 27: exact reasons and
 * details, bare `fault` vs `action` with a nested fault, empty 404 bodies, 403 before
 * validation. Runs in XML and JSON where the row applies to both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { action, addJob, addStep, call, encodeBody, field, FORMATS, login, MISSING_ID, startSim } from './support.js';

const ENGINE = 'Operation Failed';

describe.each(FORMATS)('error catalogue in %s', (format) => {
  let sim: OvirtEngineSimulator;
  let token: string;
  let writerWithoutPermission: string;
  let internalJob: string;
  let internalStep: string;

  beforeAll(async () => {
    sim = await startSim({
      users: [
        { name: 'admin@internal', password: 'pw' },
        { name: 'viewer@internal', password: 'pw', canInjectExternalTasks: false },
      ],
    });
    token = await login(sim, 'admin@internal', 'pw');
    writerWithoutPermission = await login(sim, 'viewer@internal', 'pw');
    const internal = sim.state.jobs().find((job) => !job.external);
    internalJob = internal?.id ?? '';
    internalStep = sim.state.steps(internalJob)[0]?.id ?? '';
  });
  afterAll(async () => {
    await sim.stop();
  });

  const post = (path: string, root: string, body: Record<string, string | Record<string, string>>) =>
    call(sim, token, 'POST', path, { format, body: encodeBody(root, body, format) });

  it.each([
    ['job.description', '/jobs', 'job', {}],
    ['step.description', 'STEPS', 'step', { type: 'executing' }],
    ['step.type', 'STEPS', 'step', { description: 'd' }],
  ])('mandatory %s missing → 400 bare fault "Input validation failed."', async (path, url, root, body) => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    // Act
    const result = await post(url === 'STEPS' ? `/jobs/${jobId}/steps` : url, root, body);
    // Assess
    expect(result.status).toBe(400);
    expect(result.root ?? 'fault').toBe('fault');
    expect(result.body).toEqual({ detail: `Parameter '${path}' is mandatory but was not provided.`, reason: 'Input validation failed.' });
  });

  it('unparsable body → 400 "Request syntactically incorrect." with the apidoc link', async () => {
    // Prepare
    const broken = format === 'xml' ? '<job><description>x</job>' : '{"description": ';
    // Act
    const result = await call(sim, token, 'POST', '/jobs', { format, body: broken });
    // Assess
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      detail: `For correct usage, see: ${sim.url}/ovirt-engine/apidoc#services/jobs/methods/add`,
      reason: 'Request syntactically incorrect.',
    });
  });

  it('parent_step without id → 400 "Incomplete parameters"', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    // Act
    const result = await post(`/jobs/${jobId}/steps`, 'step', { description: 'd', type: 'executing', parent_step: {} });
    // Assess
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ detail: 'Step [parentStep.id] required for add', reason: 'Incomplete parameters' });
  });

  it('malformed UUID in the body → 400 "Operation failed" (lower-case f, §7.15)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    // Act
    const result = await post(`/jobs/${jobId}/steps`, 'step', { description: 'd', type: 'executing', parent_step: { id: 'not-a-uuid' } });
    // Assess
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ detail: 'Invalid UUID string: not-a-uuid', reason: 'Operation failed' });
  });

  it('blank job description → 400 with the literal ${action} ${type} placeholders (§7.14)', async () => {
    // Prepare
    const body = { description: ' \t ' };
    // Act
    const result = await post('/jobs', 'job', body);
    // Assess
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ detail: '[Cannot ${action} ${type}. Description can not be empty.]', reason: ENGINE });
  });

  it('end and clear of an internal job → "Cannot Clear External Job" wording, as an action (§7.14, §7.16)', async () => {
    // Prepare
    const detail = '[Cannot Clear External Job. External steps can be added only to external jobs or steps.]';
    // Act
    const end = await action(sim, token, format, `/jobs/${internalJob}/end`, { succeeded: true });
    const clear = await action(sim, token, format, `/jobs/${internalJob}/clear`);
    // Assess
    for (const result of [end, clear]) {
      expect(result.status).toBe(400);
      expect(result.root ?? 'action').toBe('action');
      expect(field(result.body, 'status')).toBe('failed');
      expect(field(result.body, 'fault')).toEqual({ detail, reason: ENGINE });
    }
    expect(field(end.body, 'succeeded')).toBe('true');
  });

  it('add step under an internal job, or with a blank description → "External Job" messages, joined', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    // Act
    const notExternal = await post(`/jobs/${internalJob}/steps`, 'step', { description: 'd', type: 'executing' });
    const blank = await post(`/jobs/${jobId}/steps`, 'step', { description: '', type: 'executing' });
    const both = await post(`/jobs/${MISSING_ID}/steps`, 'step', { description: ' ', type: 'executing' });
    // Assess
    expect(notExternal.body).toEqual({ detail: '[Cannot add External Job. External steps can be added only to external jobs or steps.]', reason: ENGINE });
    expect(blank.body).toEqual({ detail: '[Cannot add External Job. Description can not be empty.]', reason: ENGINE });
    expect(both.body).toEqual({
      detail: '[Cannot add External Job. Step should be a child of the Job or other Step., Cannot add External Job. Description can not be empty.]',
      reason: ENGINE,
    });
    expect([notExternal.status, blank.status, both.status]).toEqual([400, 400, 400]);
  });

  it('end of an unknown or internal step → action fault with literal placeholders (§7.14, §7.16)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    // Act
    const missing = await action(sim, token, format, `/jobs/${jobId}/steps/${MISSING_ID}/end`, { succeeded: true });
    const internal = await action(sim, token, format, `/jobs/${internalJob}/steps/${internalStep}/end`, { succeeded: true });
    // Assess
    expect(missing.status).toBe(400);
    expect(field(missing.body, 'fault')).toEqual({ detail: '[Cannot ${action} ${type}. Step not found.]', reason: ENGINE });
    expect(field(internal.body, 'fault')).toEqual({
      detail: '[Cannot ${action} ${type}. External steps can be added only to external jobs or steps.]',
      reason: ENGINE,
    });
    expect(field(internal.body, 'status')).toBe('failed');
  });

  it('non-UUID path ids → 404 with an empty body, on reads and on actions', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    // Act
    const results = [
      await call(sim, token, 'GET', '/jobs/not-a-uuid', { format }),
      await call(sim, token, 'GET', `/jobs/${jobId}/steps/nope`, { format }),
      await action(sim, token, format, '/jobs/123/end'),
      await action(sim, token, format, `/jobs/${jobId}/steps/xyz/end`, { succeeded: true }),
      await post('/jobs/bad/steps', 'step', { description: 'd', type: 'executing' }),
    ];
    // Assess
    expect(results.map((result) => [result.status, result.text])).toEqual(Array.from({ length: 5 }, () => [404, '']));
  });

  it('a caller without INJECT_EXTERNAL_TASKS gets 403 on every write, even for unknown ids (permission first)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const stepId = await addStep(sim, token, format, jobId, { description: 's', type: 'executing' });
    const as = (path: string, root: string, body: Record<string, string>) =>
      call(sim, writerWithoutPermission, 'POST', path, { format, body: encodeBody(root, body, format) });
    const detail = { detail: '[User is not authorized to perform this action.]', reason: ENGINE };
    // Act
    const addJobResult = await as('/jobs', 'job', { description: '' });
    const addStepResult = await as(`/jobs/${MISSING_ID}/steps`, 'step', { description: 'd', type: 'executing' });
    const endJob = await as(`/jobs/${MISSING_ID}/end`, 'action', {});
    const clear = await as(`/jobs/${jobId}/clear`, 'action', {});
    const endStep = await as(`/jobs/${jobId}/steps/${stepId}/end`, 'action', { succeeded: 'true' });
    // Assess
    expect([addJobResult, addStepResult, endJob, clear, endStep].map((result) => result.status)).toEqual([403, 403, 403, 403, 403]);
    expect(addJobResult.body).toEqual(detail);
    expect(addStepResult.body).toEqual(detail);
    for (const result of [endJob, clear, endStep]) expect(field(result.body, 'fault')).toEqual(detail);
    expect(sim.state.job(jobId)?.autoCleared).toBe(false);
  });

  it('details stay in English for Accept-Language en (§7.27)', async () => {
    // Prepare
    const headers = { 'accept-language': 'en-US' };
    // Act
    const result = await call(sim, token, 'POST', '/jobs', { format, headers, body: encodeBody('job', { description: '' }, format) });
    // Assess
    expect(field(result.body, 'detail')).toBe('[Cannot ${action} ${type}. Description can not be empty.]');
  });
});

describe('error catalogue, format-specific rows', () => {
  let sim: OvirtEngineSimulator;
  let token: string;
  let jobId: string;
  beforeAll(async () => {
    sim = await startSim();
    token = await login(sim);
    jobId = await addJob(sim, token, 'xml');
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('XML step type that is no StepEnum value → 400 "Invalid value" naming the valid values', async () => {
    // Prepare
    const body = '<step><description>d</description><type>foo</type></step>';
    // Act
    const result = await call(sim, token, 'POST', `/jobs/${jobId}/steps`, { body });
    // Assess
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      detail: "The string 'foo' isn't a valid value for the 'StepEnum' enumerated type. Valid values are: 'validating', 'executing', 'finalizing', 'rebalancing_volume', 'removing_bricks', 'unknown'.",
      reason: 'Invalid value',
    });
  });

  it('XML bad boolean and integer overflow → 400 "Invalid value"', async () => {
    // Prepare
    const badBoolean = '<job><description>d</description><auto_cleared>maybe</auto_cleared></job>';
    const overflow = '<step><description>d</description><type>executing</type><number>99999999999</number></step>';
    // Act
    const bool = await call(sim, token, 'POST', '/jobs', { body: badBoolean });
    const int = await call(sim, token, 'POST', `/jobs/${jobId}/steps`, { body: overflow });
    // Assess
    expect([bool.status, field(bool.body, 'reason')]).toEqual([400, 'Invalid value']);
    expect([int.status, field(int.body, 'reason')]).toEqual([400, 'Invalid value']);
  });

  it('JSON step type that is no StepEnum value → 400 "Request syntactically incorrect."', async () => {
    // Prepare
    const body = JSON.stringify({ description: 'd', type: 'foo' });
    // Act
    const result = await call(sim, token, 'POST', `/jobs/${jobId}/steps`, { format: 'json', body });
    // Assess
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      detail: `For correct usage, see: ${sim.url}/ovirt-engine/apidoc#services/steps/methods/add`,
      reason: 'Request syntactically incorrect.',
    });
  });

  it('unexpected server failure → 500 bare fault "Operation Failed"', async () => {
    // Prepare
    sim.faults.add({ kind: 'http-500', times: 1, match: { route: 'GET /jobs/{id}' } });
    // Act
    const result = await call(sim, token, 'GET', `/jobs/${jobId}`);
    // Assess
    expect(result.status).toBe(500);
    expect(result.root).toBe('fault');
    expect(field(result.body, 'reason')).toBe('Operation Failed');
  });
});
