/**
 * Time-driven conformance (docs/ovirt-engine-behaviour.md §6, §7 items 25 and 26): cleanup thresholds by status, the
 * cleanup timer, engine restart semantics, and the state file surviving a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { action, addJob, addStep, call, FakeClock, items, login, startSim } from './support.js';

describe('cleanup (§6, §7.25)', () => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSim({ clock, internalJobs: false, sessionIdleMinutes: 1e9, cleanup: { succeededMinutes: 10, failedMinutes: 60, rateMinutes: 10 } });
    token = await login(sim);
  });
  afterAll(async () => {
    await sim.stop();
  });

  /** @internal Adds a job and ends it; `clear` makes it auto-cleared. */
  async function endedJob(succeeded: boolean, clear: boolean): Promise<string> {
    const id = await addJob(sim, token, 'xml', { description: `ended ${String(succeeded)} ${String(clear)}` });
    await addStep(sim, token, 'xml', id, { description: 's', type: 'executing' });
    await action(sim, token, 'xml', `/jobs/${id}/end`, { succeeded });
    if (clear) await action(sim, token, 'xml', `/jobs/${id}/clear`);
    return id;
  }

  it('deletes auto-cleared finished jobs after the succeeded threshold and failed ones after the failed threshold', async () => {
    // Prepare
    const finished = await endedJob(true, true);
    const failed = await endedJob(false, true);
    // Act
    clock.advanceMinutes(9);
    sim.runCleanupNow();
    const afterNine = [sim.state.job(finished), sim.state.job(failed)].map((job) => job !== undefined);
    clock.advanceMinutes(1);
    sim.runCleanupNow();
    const afterTen = [sim.state.job(finished), sim.state.job(failed)].map((job) => job !== undefined);
    clock.advanceMinutes(50);
    sim.runCleanupNow();
    const afterSixty = [sim.state.job(finished), sim.state.job(failed)].map((job) => job !== undefined);
    // Assess
    expect(afterNine).toEqual([true, true]);
    expect(afterTen).toEqual([false, true]);
    expect(afterSixty).toEqual([false, false]);
  });

  it('never deletes started jobs or jobs with auto_cleared=false', async () => {
    // Prepare
    const started = await addJob(sim, token, 'xml', { description: 'running', auto_cleared: true });
    const notCleared = await endedJob(true, false);
    // Act
    clock.advanceMinutes(5_000);
    sim.runCleanupNow();
    // Assess
    expect(sim.state.job(started)?.status).toBe('started');
    expect(sim.state.job(notCleared)?.status).toBe('finished');
  });

  it('after deletion GET job is 404 and its steps list is 200 empty, steps deleted by cascade', async () => {
    // Prepare
    const id = await endedJob(true, true);
    clock.advanceMinutes(11);
    // Act
    sim.runCleanupNow();
    const job = await call(sim, token, 'GET', `/jobs/${id}`);
    const steps = await call(sim, token, 'GET', `/jobs/${id}/steps`, { format: 'json' });
    // Assess
    expect([job.status, job.text]).toEqual([404, '']);
    expect([steps.status, items(steps, 'step')]).toEqual([200, []]);
    expect(sim.state.steps(id)).toEqual([]);
  });
});

describe('cleanup timer', () => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  beforeAll(async () => {
    sim = await startSim({ clock, internalJobs: false, cleanup: { succeededMinutes: 1, failedMinutes: 1, rateMinutes: 0.001 } });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('runs cleanup passes on its own every rateMinutes', async () => {
    // Prepare
    const token = await login(sim);
    const id = await addJob(sim, token, 'json', { description: 'timer', auto_cleared: true });
    await action(sim, token, 'json', `/jobs/${id}/end`);
    clock.advanceMinutes(2);
    // Act
    await sleep(300);
    // Assess
    expect(sim.state.job(id)).toBeUndefined();
  });
});

describe('engine restart (§6, §7.26)', () => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  beforeAll(async () => {
    sim = await startSim({ clock, cleanup: { failedMinutes: 60 } });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('turns started jobs and steps unknown at restart time, leaves ended ones alone and drops tokens', async () => {
    // Prepare
    const token = await login(sim);
    const running = await addJob(sim, token, 'xml', { description: 'running' });
    const openStep = await addStep(sim, token, 'xml', running, { description: 'open', type: 'executing' });
    const done = await addJob(sim, token, 'xml', { description: 'done' });
    await action(sim, token, 'xml', `/jobs/${done}/end`);
    const doneBefore = sim.state.job(done);
    clock.advanceMinutes(5);
    // Act
    sim.restart();
    const oldToken = await call(sim, token, 'GET', '/jobs');
    // Assess
    expect(sim.state.job(running)).toMatchObject({ status: 'unknown', endTime: clock.now(), lastUpdated: clock.now() });
    expect(sim.state.steps(running).find((step) => step.id === openStep)).toMatchObject({ status: 'unknown', endTime: clock.now() });
    expect(sim.state.job(done)).toEqual(doneBefore);
    expect(oldToken.status).toBe(401);
  });

  it('an unknown job can still be ended but stays unknown; auto-cleared it goes after the failed threshold', async () => {
    // Prepare
    const token = await login(sim);
    const id = await addJob(sim, token, 'json', { description: 'survivor' });
    sim.restart();
    const fresh = await login(sim);
    // Act
    const end = await action(sim, fresh, 'json', `/jobs/${id}/end`, { succeeded: true, force: true });
    clock.advanceMinutes(59);
    sim.runCleanupNow();
    const before = sim.state.job(id)?.status;
    clock.advanceMinutes(1);
    sim.runCleanupNow();
    // Assess
    expect(end.status).toBe(200);
    expect(before).toBe('unknown');
    expect(sim.state.job(id)).toBeUndefined();
  });
});

describe('state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ovirt-sim-state-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps jobs across a simulator restart, with restart semantics applied', async () => {
    // Prepare
    const stateFile = join(dir, 'state.json');
    const first = await startSim({ stateFile });
    const token = await login(first);
    const id = await addJob(first, token, 'xml', { description: 'persisted' }, { 'correlation-id': 'keep-me' });
    await first.stop();
    // Act
    const second = await startSim({ stateFile });
    const job = second.state.job(id);
    await second.stop();
    // Assess
    expect(job).toMatchObject({ description: 'persisted', status: 'unknown', correlationId: 'keep-me' });
  });
});
