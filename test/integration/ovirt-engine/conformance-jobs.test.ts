/**
 * Conformance of the simulated job resources with docs/ovirt-engine-behaviour.md (§2.2, §3.1–3.3, §7 items
 * 1, 3, 4, 5, 17, 18, 19, 22, 24), in XML and JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { action, addJob, addStep, call, encodeBody, FakeClock, field, FORMATS, items, login, startSim } from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(FORMATS)('jobs in %s', (format) => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  let token: string;

  beforeAll(async () => {
    sim = await startSim({ clock });
    token = await login(sim);
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('adds a job: 201, Location, started, external, auto_cleared=false by default (§7.1), owner = caller', async () => {
    // Prepare
    const description = '  sfn exec 42: nightly backup  ';
    // Act
    const result = await call(sim, token, 'POST', '/jobs', { format, body: encodeBody('job', { description }, format) });
    // Assess
    const job = result.body;
    expect(result.status).toBe(201);
    expect(String(job.id)).toMatch(UUID);
    expect(job.href).toBe(`/ovirt-engine/api/jobs/${String(job.id)}`);
    expect(result.headers.get('location')).toBe(`${sim.url}/ovirt-engine/api/jobs/${String(job.id)}`);
    expect(job).toMatchObject({ description, status: 'started', external: 'true', auto_cleared: 'false' });
    expect(job.start_time).toBe(clock.now());
    expect(job.last_updated).toBe(clock.now());
    expect(job.end_time).toBeUndefined();
    expect(field(job, 'owner.id')).toMatch(UUID);
    expect(field(job, 'owner.href')).toBe(`/ovirt-engine/api/users/${String(field(job, 'owner.id'))}`);
    expect(field(job, 'actions.link')).toEqual([
      { href: `${String(job.href)}/clear`, rel: 'clear' },
      { href: `${String(job.href)}/end`, rel: 'end' },
    ]);
    expect(job.link).toEqual([{ href: `${String(job.href)}/steps`, rel: 'steps' }]);
  });

  it('honours auto_cleared=true and ignores server-owned fields sent by clients', async () => {
    // Prepare
    const body = { description: 'with extras', auto_cleared: true, status: 'finished', external: false, start_time: '2001-01-01T00:00:00Z' };
    // Act
    const id = await addJob(sim, token, format, body);
    // Assess
    expect(sim.state.job(id)).toMatchObject({ autoCleared: true, status: 'started', external: true, startTime: clock.now() });
  });

  it('never renders name, comment or the correlation id (§7.24)', async () => {
    // Prepare
    const headers = { 'correlation-id': 'never-shown-42' };
    // Act
    const id = await addJob(sim, token, format, { description: 'hidden cid' }, headers);
    const result = await call(sim, token, 'GET', `/jobs/${id}`, { format });
    // Assess
    expect(result.text).not.toContain('never-shown-42');
    expect(result.body).not.toHaveProperty('correlation_id');
    expect(result.body).not.toHaveProperty('name');
    expect(result.body).not.toHaveProperty('comment');
    expect(sim.state.job(id)?.correlationId).toBe('never-shown-42');
  });

  it('ending a job closes its still-started steps with the job status and end time (§7.3)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const done = await addStep(sim, token, format, jobId, { description: 'done', type: 'executing' });
    const open = await addStep(sim, token, format, jobId, { description: 'open', type: 'executing' });
    const child = await addStep(sim, token, format, jobId, { description: 'child', type: 'executing', parent_step: { id: open } });
    await action(sim, token, format, `/jobs/${jobId}/steps/${done}/end`, { succeeded: true });
    const doneEnd = clock.now();
    clock.advanceMinutes(1);
    // Act
    const result = await action(sim, token, format, `/jobs/${jobId}/end`, { succeeded: false });
    // Assess
    expect(result.status).toBe(200);
    const job = sim.state.job(jobId);
    expect(job).toMatchObject({ status: 'failed', endTime: clock.now(), lastUpdated: clock.now() });
    const steps = new Map(sim.state.steps(jobId).map((step) => [step.id, step]));
    expect(steps.get(done)).toMatchObject({ status: 'finished', endTime: doneEnd });
    expect(steps.get(open)).toMatchObject({ status: 'failed', endTime: clock.now() });
    expect(steps.get(child)).toMatchObject({ status: 'failed', endTime: clock.now() });
  });

  it('job end defaults succeeded to true and accepts an empty action', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    // Act
    const result = await action(sim, token, format, `/jobs/${jobId}/end`, {});
    // Assess
    expect(result.status).toBe(200);
    expect(sim.state.job(jobId)?.status).toBe('finished');
  });

  it('force=true only sets auto_cleared and never yields aborted (§7.4)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const stepId = await addStep(sim, token, format, jobId, { description: 's', type: 'executing' });
    // Act
    const result = await action(sim, token, format, `/jobs/${jobId}/end`, { force: true, succeeded: true });
    // Assess
    expect(result.status).toBe(200);
    expect(sim.state.job(jobId)).toMatchObject({ status: 'finished', autoCleared: true });
    expect(sim.state.steps(jobId).find((step) => step.id === stepId)?.status).toBe('finished');
  });

  it('ending an ended job is a silent success that keeps its status and times (§7.5)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    await action(sim, token, format, `/jobs/${jobId}/end`, { succeeded: false });
    const before = sim.state.job(jobId);
    clock.advanceMinutes(1);
    const late = await addStep(sim, token, format, jobId, { description: 'late', type: 'executing' });
    clock.advanceMinutes(1);
    // Act
    const result = await action(sim, token, format, `/jobs/${jobId}/end`, { succeeded: true });
    // Assess
    expect(result.status).toBe(200);
    expect(field(result.body, 'status')).toBe('complete');
    const after = sim.state.job(jobId);
    expect(after).toMatchObject({ status: 'failed', endTime: before?.endTime });
    expect(sim.state.steps(jobId).find((step) => step.id === late)).toMatchObject({ status: 'failed', endTime: before?.endTime });
  });

  it('action success bodies echo the request, add status complete and a job reference (§7.17)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const stepId = await addStep(sim, token, format, jobId, { description: 's', type: 'executing' });
    // Act
    const stepEnd = await action(sim, token, format, `/jobs/${jobId}/steps/${stepId}/end`, { succeeded: true });
    const jobEnd = await action(sim, token, format, `/jobs/${jobId}/end`, { succeeded: false, async: true });
    // Assess
    expect(stepEnd.body).toEqual({ status: 'complete', succeeded: 'true' });
    const href = `/ovirt-engine/api/jobs/${jobId}`;
    expect(jobEnd.body).toEqual({
      async: 'true',
      job: {
        id: jobId, href,
        actions: { link: [{ href: `${href}/clear`, rel: 'clear' }, { href: `${href}/end`, rel: 'end' }] },
        link: [{ href: `${href}/steps`, rel: 'steps' }],
      },
      status: 'complete',
      succeeded: 'false',
    });
  });

  it('waits grace_period.expiry milliseconds before acting and echoes it; async is accepted and ignored', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const body = format === 'xml'
      ? '<action><async>true</async><grace_period><expiry>300</expiry></grace_period></action>'
      : JSON.stringify({ async: 'true', grace_period: { expiry: '300' } });
    const started = performance.now();
    // Act
    const result = await call(sim, token, 'POST', `/jobs/${jobId}/end`, { format, body });
    // Assess
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(result.status).toBe(200);
    expect(field(result.body, 'grace_period.expiry')).toBe('300');
    expect(field(result.body, 'status')).toBe('complete');
    expect(sim.state.job(jobId)?.status).toBe('finished');
  });

  it('clear sets auto_cleared only; clearing twice is harmless', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const before = sim.state.job(jobId);
    clock.advanceMinutes(1);
    // Act
    const first = await action(sim, token, format, `/jobs/${jobId}/clear`);
    const second = await action(sim, token, format, `/jobs/${jobId}/clear`);
    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(field(second.body, 'job.id')).toBe(jobId);
    expect(sim.state.job(jobId)).toEqual({ ...before, autoCleared: true });
  });

  it('moves last_updated forward on step add, step end and job end', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const marks: number[] = [];
    // Act
    clock.advanceMinutes(1);
    const stepId = await addStep(sim, token, format, jobId, { description: 's', type: 'executing' });
    marks.push(sim.state.job(jobId)?.lastUpdated ?? 0);
    clock.advanceMinutes(1);
    await action(sim, token, format, `/jobs/${jobId}/steps/${stepId}/end`, { succeeded: true });
    marks.push(sim.state.job(jobId)?.lastUpdated ?? 0);
    clock.advanceMinutes(1);
    await action(sim, token, format, `/jobs/${jobId}/end`);
    marks.push(sim.state.job(jobId)?.lastUpdated ?? 0);
    // Assess
    expect(marks).toEqual([clock.now() - 120_000, clock.now() - 60_000, clock.now()]);
  });

  it('lists every job, engine-internal ones included, oldest first; max cuts from the oldest end (§7.22)', async () => {
    // Prepare
    clock.advanceMinutes(1);
    await addJob(sim, token, format, { description: 'newest' });
    const all = sim.state.jobs();
    // Act
    const list = await call(sim, token, 'GET', '/jobs', { format });
    const limited = await call(sim, token, 'GET', '/jobs?max=2', { format });
    // Assess
    const listed = items(list, 'job');
    expect(listed.map((job) => job.id)).toEqual(all.map((job) => job.id));
    expect(listed.some((job) => job.external === 'false')).toBe(true);
    const starts = listed.map((job) => Number(job.start_time));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(items(limited, 'job').map((job) => job.id)).toEqual(all.slice(0, 2).map((job) => job.id));
  });

  it('embeds steps in a job only when follow=steps asks for them', async () => {
    // Prepare
    const jobId = await addJob(sim, token, format);
    const stepId = await addStep(sim, token, format, jobId, { description: 's', type: 'executing' });
    // Act
    const plain = await call(sim, token, 'GET', `/jobs/${jobId}`, { format });
    const followed = await call(sim, token, 'GET', `/jobs/${jobId}?follow=steps`, { format });
    // Assess
    expect(plain.body).not.toHaveProperty('steps');
    expect(field(followed.body, 'steps.step')).toEqual([expect.objectContaining({ id: stepId })]);
  });
});
