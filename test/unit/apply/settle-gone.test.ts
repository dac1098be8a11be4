import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/apply/apply-plan.js';
import type { ApplyContext } from '../../../src/apply/context.js';
import { settleUnderGoneJobs } from '../../../src/apply/settle-gone.js';
import type { Action } from '../../../src/model/action.js';
import type { DesiredStep } from '../../../src/model/desired.js';
import { noCounters, silentLog } from '../../../src/model/telemetry.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';

const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:release:run-1';
const NOW = 1_700_000_000_000;

function setup() {
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const ctx: ApplyContext = { executionArn: ARN, store, ovirt, owner: 'owner-a', now: () => NOW, leaseMs: 60_000, log: silentLog, counters: noCounters };
  return { store, ovirt, ctx };
}

const step = (key: string, jobKey = 'job#0'): DesiredStep => ({ key, jobKey, parentKey: null, description: key, type: 'executing', end: null });

describe('rows under a job oVirt no longer has (issue 9 #4)', () => {
  it('marks PENDING and CREATED step rows under a GONE job GONE, and leaves other jobs alone', async () => {
    // Prepare
    const { store, ctx } = setup();
    store.rows.set(`${ARN}|job#0`, { executionArn: ARN, key: 'job#0', state: 'GONE' });
    store.rows.set(`${ARN}|job#1`, { executionArn: ARN, key: 'job#1', state: 'CREATED', ovirtId: 'j1' });
    await store.claim({ executionArn: ARN, key: 'step#a', state: 'PENDING', leaseOwner: 'dead', leaseExpiresAt: NOW + 30_000 }, NOW);
    store.rows.set(`${ARN}|step#b`, { executionArn: ARN, key: 'step#b', state: 'CREATED', ovirtId: 's2' });
    store.rows.set(`${ARN}|step#c`, { executionArn: ARN, key: 'step#c', state: 'PENDING', leaseOwner: 'x', leaseExpiresAt: NOW });
    const steps = [step('step#a'), step('step#b'), step('step#c', 'job#1')];

    // Act
    const settled = await settleUnderGoneJobs(steps, await store.getRecords(ARN, ['job#0', 'job#1', 'step#a', 'step#b', 'step#c']), ctx);

    // Assess
    expect(settled).toEqual(['step#a', 'step#b']);
    const rows = await store.getRecords(ARN, ['step#a', 'step#b', 'step#c']);
    expect([...rows.values()].map((row) => [row.key, row.state])).toEqual([
      ['step#a', 'GONE'],
      ['step#b', 'GONE'],
      ['step#c', 'PENDING'],
    ]);
  });

  it('marks the object GONE before its job, so a run dying in between leaves the job to be found gone again', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    const createJob: Action = { kind: 'createJob', key: 'job#0', description: 'release › run-1', correlationId: 'opj-abc', autoCleared: true };
    await applyPlan([createJob], new Map(), ctx);
    ovirt.jobs.clear();
    const marks: string[] = [];
    const markGone = store.markGone;
    store.markGone = (arn: string, key: string) => {
      marks.push(key);
      if (marks.length === 2) return Promise.reject(new Error('simulated crash'));
      return markGone(arn, key);
    };
    const createStep: Action = { kind: 'createStep', key: 'step#0', jobKey: 'job#0', parentKey: null, description: 'Build', type: 'executing' };

    // Act
    const attempt = applyPlan([createStep], await store.getRecords(ARN, ['job#0']), ctx);

    // Assess
    await expect(attempt).rejects.toThrow('simulated crash');
    expect(marks).toEqual(['step#0', 'job#0']);
    const rows = await store.getRecords(ARN, ['job#0', 'step#0']);
    expect(rows.get('job#0')?.state).toBe('CREATED');
    expect(rows.get('step#0')?.state).toBe('GONE');
  });
});
