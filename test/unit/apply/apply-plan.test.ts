import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/apply/apply-plan.js';
import type { ApplyContext } from '../../../src/apply/context.js';
import { OvirtHttpError, OvirtUnavailableError } from '../../../src/errors.js';
import type { Action } from '../../../src/model/action.js';
import { noCounters, silentLog } from '../../../src/model/telemetry.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';

const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:release:run-1';
const NOW = 1_700_000_000_000;

function setup(owner = 'owner-a') {
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const ctx: ApplyContext = { executionArn: ARN, store, ovirt, owner, now: () => NOW, leaseMs: 60_000, log: silentLog, counters: noCounters };
  return { store, ovirt, ctx };
}

const createJob: Action = { kind: 'createJob', key: 'job#0', description: 'release › run-1', correlationId: 'opj-abc', autoCleared: true };
const createStep = (key: string, parentKey: string | null, description: string): Action => ({
  kind: 'createStep',
  key,
  jobKey: 'job#0',
  parentKey,
  description,
  type: 'executing',
});

describe('applyPlan', () => {
  it('creates the job and nested steps, ends a step and the job, and records every row', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    const actions: Action[] = [
      createJob,
      createStep('step#0#v2', null, 'Build'),
      createStep('step#0#v2.x', 'step#0#v2', 'Attempt 1 failed — States.TaskFailed: boom'),
      { kind: 'endStep', key: 'step#0#v2', jobKey: 'job#0' },
      { kind: 'endJob', key: 'job#0', succeeded: false },
    ];

    // Act
    const report = await applyPlan(actions, new Map(), ctx);

    // Assess
    expect(report).toEqual({ applied: 5, blocked: [], gone: [] });
    const rows = await store.getRecords(ARN, ['job#0', 'step#0#v2', 'step#0#v2.x']);
    expect(rows.get('job#0')).toMatchObject({ state: 'ENDED', endedAs: 'failed' });
    expect(rows.get('step#0#v2')).toMatchObject({ state: 'ENDED', endedAs: 'finished' });
    expect(rows.get('step#0#v2.x')).toMatchObject({ state: 'CREATED' });
    const child = ovirt.steps.get(rows.get('step#0#v2.x')!.ovirtId!);
    expect(child?.parentStepId).toBe(rows.get('step#0#v2')?.ovirtId);
    expect([...ovirt.jobs.values()].map((j) => j.status)).toEqual(['failed']);
  });

  it('adopts the job an interrupted attempt created (lapsed PENDING row) instead of creating a second one', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    const existing = await ovirt.addJob({ description: 'release › run-1', autoCleared: true, correlationId: 'opj-abc' });
    await store.claim({ executionArn: ARN, key: 'job#0', state: 'PENDING', leaseOwner: 'crashed', leaseExpiresAt: NOW - 1 }, NOW - 60_001);

    // Act
    await applyPlan([createJob], await store.getRecords(ARN, ['job#0']), ctx);

    // Assess
    expect(ovirt.jobs.size).toBe(1);
    expect((await store.getRecords(ARN, ['job#0'])).get('job#0')).toMatchObject({ state: 'CREATED', ovirtId: existing.id });
  });

  it('adopts a step whose add was applied although the connection was reset', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    await applyPlan([createJob], new Map(), ctx);
    ovirt.failNext('addStep', new OvirtUnavailableError('socket reset', { code: 'ECONNRESET', retryable: true }), true);

    // Act
    await applyPlan([createStep('step#0#v2', null, 'Build')], await store.getRecords(ARN, ['job#0']), ctx);

    // Assess
    expect(ovirt.steps.size).toBe(1);
    const row = (await store.getRecords(ARN, ['step#0#v2'])).get('step#0#v2');
    expect(row).toMatchObject({ state: 'CREATED', ovirtId: [...ovirt.steps.keys()][0] });
  });

  it('rethrows an ambiguous failure when the object is not found, leaving the row PENDING under its lease', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    ovirt.failNext('addJob', new OvirtUnavailableError('socket reset', { code: 'ECONNRESET', retryable: true }));

    // Act
    const attempt = applyPlan([createJob], new Map(), ctx);

    // Assess
    await expect(attempt).rejects.toThrow('socket reset');
    expect(ovirt.jobs.size).toBe(0);
    expect((await store.getRecords(ARN, ['job#0'])).get('job#0')).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-a' });
  });

  it('leaves objects claimed by another live invocation alone and reports them blocked, with their children', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    await store.claim({ executionArn: ARN, key: 'job#0', state: 'PENDING', leaseOwner: 'other', leaseExpiresAt: NOW + 30_000 }, NOW);

    // Act
    const report = await applyPlan([createJob, createStep('step#0#v2', null, 'Build')], await store.getRecords(ARN, ['job#0']), ctx);

    // Assess
    expect(report.blocked).toEqual(['job#0', 'step#0#v2']);
    expect(ovirt.calls).toEqual(['findJobs']); // only the once-per-client permission probe
  });

  it('marks a job cleaned up by oVirt as GONE and skips the rest of its actions without recreating it', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    await applyPlan([createJob], new Map(), ctx);
    ovirt.jobs.clear();

    // Act
    const report = await applyPlan(
      [createStep('step#0#v2', null, 'Build'), { kind: 'endJob', key: 'job#0', succeeded: true }],
      await store.getRecords(ARN, ['job#0']),
      ctx,
    );

    // Assess
    expect(report.gone).toEqual(['job#0', 'step#0#v2']);
    const rows = await store.getRecords(ARN, ['job#0', 'step#0#v2']);
    expect(rows.get('job#0')?.state).toBe('GONE');
    expect(rows.get('step#0#v2')?.state).toBe('GONE');
    expect(ovirt.calls.filter((c) => c === 'addJob')).toHaveLength(1);
    expect(ovirt.calls).not.toContain('endJob');
  });

  it('rethrows a 400 for a job that still exists (a real error, not a cleanup)', async () => {
    // Prepare
    const { ovirt, ctx, store } = setup();
    await applyPlan([createJob], new Map(), ctx);
    ovirt.failNext('addStep', new OvirtHttpError({ status: 400, method: 'POST', path: '/jobs/x/steps', reason: 'Operation Failed' }));

    // Act
    const attempt = applyPlan([createStep('step#0#v2', null, '')], await store.getRecords(ARN, ['job#0']), ctx);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(OvirtHttpError);
  });
});
