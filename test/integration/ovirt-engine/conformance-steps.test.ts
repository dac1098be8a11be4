/**
 * Conformance of the simulated step resources (docs/ovirt-engine-behaviour.md §2.3, §3.4–3.6, §7 items 2, 6, 7, 8, 9, 10,
 * 11, 12, 13), in XML and JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { action, addJob, addStep, call, encodeBody, FakeClock, field, FORMATS, items, login, MISSING_ID, startSim } from './support.js';

describe.each(FORMATS)('steps in %s', (format) => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  let token: string;
  const step = (description: string, extra: Record<string, string | Record<string, string>> = {}) => ({ description, type: 'executing', ...extra });

  beforeAll(async () => {
    sim = await startSim({ clock });
    token = await login(sim);
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('adds a step: 201, Location, started, external, number 0, no end_time or progress', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    // Act
    const result = await call(sim, token, 'POST', `/jobs/${jobId}/steps`, { format, body: encodeBody('step', step('first'), format) });
    // Assess
    const id = String(result.body.id);
    const href = `/ovirt-engine/api/jobs/${jobId}/steps/${id}`;
    expect(result.status).toBe(201);
    expect(result.headers.get('location')).toBe(`${sim.url}${href}`);
    expect(result.body).toMatchObject({ href, description: 'first', type: 'executing', status: 'started', external: 'true', number: '0' });
    expect(result.body.start_time).toBe(clock.now());
    expect(result.body).not.toHaveProperty('end_time');
    expect(result.body).not.toHaveProperty('progress');
    expect(result.body).not.toHaveProperty('external_type');
    expect(field(result.body, 'job')).toEqual({ href: `/ovirt-engine/api/jobs/${jobId}`, id: jobId });
    expect(field(result.body, 'actions.link')).toEqual([{ href: `${href}/end`, rel: 'end' }]);
    expect(result.body.link).toEqual([{ href: `${href}/statistics`, rel: 'statistics' }]);
  });

  it('ending a step with succeeded=false fails the job and every started step at any depth (§7.2)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const parent = await addStep(sim, token, format, jobId, step('parent'));
    const failing = await addStep(sim, token, format, jobId, step('failing', { parent_step: { id: parent } }));
    const sibling = await addStep(sim, token, format, jobId, step('sibling'));
    const grandchild = await addStep(sim, token, format, jobId, step('grandchild', { parent_step: { id: failing } }));
    clock.advanceMinutes(1);
    // Act
    const result = await action(sim, token, format, `/jobs/${jobId}/steps/${failing}/end`, { succeeded: false });
    // Assess
    expect(result.status).toBe(200);
    expect(sim.state.job(jobId)).toMatchObject({ status: 'failed', endTime: clock.now() });
    for (const id of [parent, failing, sibling, grandchild]) {
      expect(sim.state.steps(jobId).find((s) => s.id === id)).toMatchObject({ status: 'failed', endTime: clock.now() });
    }
  });

  it('ending an ended step succeeds and overwrites status and end_time (§7.6)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const stepId = await addStep(sim, token, format, jobId, step('twice'));
    await action(sim, token, format, `/jobs/${jobId}/steps/${stepId}/end`, { succeeded: true });
    clock.advanceMinutes(1);
    // Act
    const result = await action(sim, token, format, `/jobs/${jobId}/steps/${stepId}/end`, { succeeded: false });
    // Assess
    expect(result.status).toBe(200);
    expect(sim.state.steps(jobId)[0]).toMatchObject({ status: 'failed', endTime: clock.now() });
  });

  it('ending every step does not end the job (§7.7)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const ids = [await addStep(sim, token, format, jobId, step('a')), await addStep(sim, token, format, jobId, step('b'))];
    // Act
    for (const id of ids) await action(sim, token, format, `/jobs/${jobId}/steps/${id}/end`, { succeeded: true });
    // Assess
    expect(sim.state.job(jobId)?.status).toBe('started');
    expect(sim.state.job(jobId)?.endTime).toBeUndefined();
  });

  it('steps can be added to ended jobs; they start started and the job keeps its status (§7.8)', async () => {
    // Prepare
    const finished = await addJob(sim, token, format);
    await action(sim, token, format, `/jobs/${finished}/end`, { succeeded: true });
    const failed = await addJob(sim, token, format);
    await action(sim, token, format, `/jobs/${failed}/end`, { succeeded: false });
    // Act
    const a = await addStep(sim, token, format, finished, step('late a'));
    const b = await addStep(sim, token, format, failed, step('late b'));
    // Assess
    expect(sim.state.job(finished)?.status).toBe('finished');
    expect(sim.state.job(failed)?.status).toBe('failed');
    expect(sim.state.steps(finished).find((s) => s.id === a)?.status).toBe('started');
    expect(sim.state.steps(failed).find((s) => s.id === b)?.status).toBe('started');
  });

  it('step end needs succeeded, job end does not (§7.9)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const stepId = await addStep(sim, token, format, jobId, step('s'));
    // Act
    const stepEnd = await action(sim, token, format, `/jobs/${jobId}/steps/${stepId}/end`, {});
    const jobEnd = await action(sim, token, format, `/jobs/${jobId}/end`, {});
    // Assess
    expect(stepEnd.status).toBe(400);
    expect(stepEnd.body).toEqual({ detail: "Parameter 'succeeded' is mandatory but was not provided.", reason: 'Input validation failed.' });
    expect(jobEnd.status).toBe(200);
  });

  it('numbers steps 0-based per sibling level, counting ended siblings, never renumbering (§7.10)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const first = await addStep(sim, token, format, jobId, step('first'));
    await action(sim, token, format, `/jobs/${jobId}/steps/${first}/end`, { succeeded: true });
    const second = await addStep(sim, token, format, jobId, step('second'));
    // Act
    const child0 = await addStep(sim, token, format, jobId, step('child 0', { parent_step: { id: second } }));
    const child1 = await addStep(sim, token, format, jobId, step('child 1', { parent_step: { id: second } }));
    const third = await addStep(sim, token, format, jobId, step('third'));
    // Assess
    const numbers = new Map(sim.state.steps(jobId).map((s) => [s.id, s.number]));
    expect([first, second, third, child0, child1].map((id) => numbers.get(id))).toEqual([0, 1, 2, 0, 1]);
  });

  it('parent_step.id decides: tried as a job id, then a step id; the URL job id is only echoed (§7.11)', async () => {
    // Prepare
    const realJob = await addJob(sim, token, format);
    const otherJob = await addJob(sim, token, format);
    const parent = await addStep(sim, token, format, realJob, step('parent'));
    // Act
    const sub = await call(sim, token, 'POST', `/jobs/${MISSING_ID}/steps`, { format, body: encodeBody('step', step('sub', { parent_step: { id: parent } }), format) });
    const viaJobId = await addStep(sim, token, format, otherJob, step('direct', { parent_step: { id: realJob } }));
    // Assess
    expect(sub.status).toBe(201);
    expect(sub.body.href).toBe(`/ovirt-engine/api/jobs/${MISSING_ID}/steps/${String(sub.body.id)}`);
    expect(field(sub.body, 'job.id')).toBe(MISSING_ID);
    expect(field(sub.body, 'parent_step')).toEqual({ id: parent, href: `/ovirt-engine/api/jobs/${MISSING_ID}/steps/${parent}` });
    expect(sim.state.steps(realJob).map((s) => s.id)).toEqual(expect.arrayContaining([String(sub.body.id), viaJobId]));
    expect(sim.state.steps(realJob).find((s) => s.id === viaJobId)?.parentStepId).toBeUndefined();
    expect(sim.state.steps(otherJob)).toEqual([]);
  });

  it('step GET and step end under the wrong job URL still work (§7.12)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const wrongJob = await addJob(sim, token, format);
    const stepId = await addStep(sim, token, format, jobId, step('s'));
    // Act
    const got = await call(sim, token, 'GET', `/jobs/${wrongJob}/steps/${stepId}`, { format });
    const ended = await action(sim, token, format, `/jobs/${wrongJob}/steps/${stepId}/end`, { succeeded: true });
    // Assess
    expect(got.status).toBe(200);
    expect(got.body.href).toBe(`/ovirt-engine/api/jobs/${wrongJob}/steps/${stepId}`);
    expect(ended.status).toBe(200);
    expect(sim.state.steps(jobId)[0]?.status).toBe('finished');
  });

  it('unknown job id in the URL: steps list 200 empty, step add 400, job GET 404, actions 400 action (§7.13)', async () => {
    // Prepare
    const body = encodeBody('step', step('orphan'), format);
    // Act
    const list = await call(sim, token, 'GET', `/jobs/${MISSING_ID}/steps`, { format });
    const add = await call(sim, token, 'POST', `/jobs/${MISSING_ID}/steps`, { format, body });
    const get = await call(sim, token, 'GET', `/jobs/${MISSING_ID}`, { format });
    const end = await action(sim, token, format, `/jobs/${MISSING_ID}/end`);
    // Assess
    expect([list.status, items(list, 'step')]).toEqual([200, []]);
    expect(add.status).toBe(400);
    expect(add.body).toEqual({ detail: '[Cannot add External Job. Step should be a child of the Job or other Step.]', reason: 'Operation Failed' });
    expect([get.status, get.text]).toEqual([404, '']);
    expect(end.status).toBe(400);
    expect(field(end.body, 'status')).toBe('failed');
    expect(field(end.body, 'fault.detail')).toBe('[Cannot Clear External Job. Job not found.]');
  });

  it('lists all steps of a job flat, sub-steps recognisable by parent_step; max truncates', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const parent = await addStep(sim, token, format, jobId, step('parent'));
    const child = await addStep(sim, token, format, jobId, step('child', { parent_step: { id: parent } }));
    // Act
    const all = await call(sim, token, 'GET', `/jobs/${jobId}/steps`, { format });
    const one = await call(sim, token, 'GET', `/jobs/${jobId}/steps?max=1`, { format });
    // Assess
    const listed = items(all, 'step');
    expect(listed.map((s) => s.id).sort()).toEqual([parent, child].sort());
    expect(listed.find((s) => s.id === child)?.parent_step).toEqual({ id: parent, href: `/ovirt-engine/api/jobs/${jobId}/steps/${parent}` });
    expect(items(one, 'step')).toHaveLength(1);
  });

  it('unknown step id: GET gives 404, statistics of a known external step are an empty collection', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const stepId = await addStep(sim, token, format, jobId, step('s'));
    // Act
    const missing = await call(sim, token, 'GET', `/jobs/${jobId}/steps/${MISSING_ID}`, { format });
    const statistics = await call(sim, token, 'GET', `/jobs/${jobId}/steps/${stepId}/statistics`, { format });
    // Assess
    expect([missing.status, missing.text]).toEqual([404, '']);
    expect(statistics.status).toBe(200);
    expect(statistics.body).toEqual({});
  });

  it('steps inherit the correlation id of their job or parent step', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format, { description: 'cid' }, { 'correlation-id': 'inherit-me' });
    const parent = await addStep(sim, token, format, jobId, step('p'));
    // Act
    await addStep(sim, token, format, jobId, step('c', { parent_step: { id: parent } }));
    // Assess
    expect(sim.state.steps(jobId).map((s) => s.correlationId)).toEqual(['inherit-me', 'inherit-me']);
  });
});
