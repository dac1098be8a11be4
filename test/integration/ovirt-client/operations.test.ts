import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtClient } from '../../../src/adapters/ovirt/index.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { isOvirtHttpError, isRetryable } from '../../../src/errors.js';
import { clientFor, startSim } from './sim.js';

const UNKNOWN_ID = 'b7e1c6a2-5d4f-4e3a-9c8b-7a6f5e4d3c2b';

let sim: OvirtEngineSimulator;
let client: OvirtClient;

beforeAll(async () => {
  sim = await startSim();
  client = clientFor(sim);
});

afterAll(async () => {
  await client.close();
  await sim.stop();
});

describe('Jobs over HTTPS against the simulator', () => {
  it('adds a job with its correlation id and decodes the engine JSON', async () => {
    // Prepare
    const input = { description: 'sfn exec 1: nightly backup', autoCleared: false, correlationId: 'exec-1-a1' };

    // Act
    const job = await client.addJob(input);

    // Assess
    expect(job).toMatchObject({ description: input.description, status: 'started', autoCleared: false, external: true });
    expect(typeof job.startTime).toBe('number');
    expect(sim.state.job(job.id)).toMatchObject({ correlationId: 'exec-1-a1', description: input.description, status: 'started' });
  });

  it('reads a job back, and null for an id the engine does not know', async () => {
    // Prepare
    const added = await client.addJob({ description: 'read me', autoCleared: true });

    // Act
    const [found, missing] = await Promise.all([client.getJob(added.id), client.getJob(UNKNOWN_ID)]);

    // Assess
    expect(found).toEqual(added);
    expect(missing).toBeNull();
  });

  it('finds jobs by correlation id, exactly', async () => {
    // Prepare
    const added = await client.addJob({ description: 'find me', autoCleared: false, correlationId: 'exec-find-a1' });
    await client.addJob({ description: 'not me', autoCleared: false, correlationId: 'exec-find-a2' });

    // Act
    const [found, none] = await Promise.all([client.findJobsByCorrelationId('exec-find-a1'), client.findJobsByCorrelationId('nobody-has-this')]);

    // Assess
    expect(found.map((j) => j.id)).toEqual([added.id]);
    expect(none).toEqual([]);
  });

  it('lists every job, engine-internal ones included', async () => {
    // Prepare
    const added = await client.addJob({ description: 'listed', autoCleared: false });

    // Act
    const jobs = await client.listJobs();

    // Assess
    expect(jobs.map((j) => j.id)).toContain(added.id);
    expect(jobs.map((j) => j.id).sort()).toEqual(sim.state.jobs().map((j) => j.id).sort());
    expect(jobs.some((j) => !j.external)).toBe(true);
  });

  it('ends a job (twice is a silent success) and force makes it auto-cleared', async () => {
    // Prepare
    const job = await client.addJob({ description: 'to end', autoCleared: false });

    // Act
    await client.endJob(job.id, { succeeded: true });
    await client.endJob(job.id, { succeeded: false, force: true });

    // Assess
    expect(sim.state.job(job.id)).toMatchObject({ status: 'finished', autoCleared: true });
    expect(await client.getJob(job.id)).toMatchObject({ status: 'finished', autoCleared: true, endTime: expect.any(Number) as number });
  });

  it('clears a job: auto_cleared becomes true, the status stays', async () => {
    // Prepare
    const job = await client.addJob({ description: 'to clear', autoCleared: false });

    // Act
    await client.clearJob(job.id);

    // Assess
    expect(sim.state.job(job.id)).toMatchObject({ status: 'started', autoCleared: true });
  });

  it('reports ending an unknown job as the engine does: 400 with the action fault, not retryable', async () => {
    // Prepare
    const jobId = UNKNOWN_ID;

    // Act
    const error: unknown = await client.endJob(jobId, { succeeded: true }).catch((e: unknown) => e);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    expect(error).toMatchObject({ status: 400, reason: 'Operation Failed', detail: '[Cannot Clear External Job. Job not found.]' });
  });
});

describe('Steps over HTTPS against the simulator', () => {
  it('adds steps and sub-steps and lists them flat, with parents and 0-based numbers', async () => {
    // Prepare
    const job = await client.addJob({ description: 'with steps', autoCleared: false });

    // Act
    const first = await client.addStep(job.id, { description: 'Validate', type: 'validating' });
    const second = await client.addStep(job.id, { description: 'Run', type: 'executing' });
    const child = await client.addStep(job.id, { description: 'Run: item 0', type: 'executing', parentStepId: second.id });
    const steps = await client.listSteps(job.id);

    // Assess
    expect([first.number, second.number, child.number]).toEqual([0, 1, 0]);
    expect(child).toMatchObject({ jobId: job.id, parentStepId: second.id, status: 'started', external: true });
    expect(steps.map((s) => s.id).sort()).toEqual([first.id, second.id, child.id].sort());
    expect(steps.find((s) => s.id === child.id)).toEqual(child);
    expect(sim.state.steps(job.id)).toHaveLength(3);
  });

  it('reads one step, and null for an unknown step', async () => {
    // Prepare
    const job = await client.addJob({ description: 'one step', autoCleared: false });
    const step = await client.addStep(job.id, { description: 'Only', type: 'finalizing' });

    // Act
    const [found, missing] = await Promise.all([client.getStep(job.id, step.id), client.getStep(job.id, UNKNOWN_ID)]);

    // Assess
    expect(found).toEqual(step);
    expect(missing).toBeNull();
  });

  it('ends a step as finished, and a failed step fails the whole job (engine semantics)', async () => {
    // Prepare
    const job = await client.addJob({ description: 'fails', autoCleared: false });
    const ok = await client.addStep(job.id, { description: 'ok', type: 'executing' });
    const bad = await client.addStep(job.id, { description: 'bad', type: 'executing' });
    const open = await client.addStep(job.id, { description: 'open', type: 'executing' });

    // Act
    await client.endStep(job.id, ok.id, { succeeded: true });
    await client.endStep(job.id, bad.id, { succeeded: false });

    // Assess
    const byId = new Map(sim.state.steps(job.id).map((s) => [s.id, s.status]));
    expect([byId.get(ok.id), byId.get(bad.id), byId.get(open.id)]).toEqual(['finished', 'failed', 'failed']);
    expect(sim.state.job(job.id)?.status).toBe('failed');
  });

  it('reports adding a step to an unknown job as the engine does: 400, not 404', async () => {
    // Prepare
    const jobId = UNKNOWN_ID;

    // Act
    const error: unknown = await client.addStep(jobId, { description: 'orphan', type: 'executing' }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtHttpError', status: 400, detail: '[Cannot add External Job. Step should be a child of the Job or other Step.]' });
  });

  it('lists no steps for an unknown job', async () => {
    // Prepare
    const jobId = UNKNOWN_ID;

    // Act
    const steps = await client.listSteps(jobId);

    // Assess
    expect(steps).toEqual([]);
  });
});
