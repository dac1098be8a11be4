/**
 * inspectExecution's differences over the in-memory ports: what the integration tests of
 * `status` cannot easily stage — an object oVirt lost, a step nobody recorded, and a job the
 * engine cleared on its own after it ended (not a difference when the job was auto-cleared).
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionDescription, HistoryEvent } from '../../../src/model/execution.js';
import { DEFAULT_MAPPING } from '../../../src/model/mapping.js';
import { inspectExecution } from '../../../src/operate/inspect-execution.js';
import type { HistoryPage, HistoryReader } from '../../../src/ports.js';
import { reconcileExecution } from '../../../src/reconcile/reconcile-execution.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { reconcileDeps } from '../../helpers/reconcile-deps.js';

const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:nightly:run-8';
const T0 = Date.parse('2025-03-14T10:00:00Z');

const RUNNING: HistoryEvent[] = [
  { id: 1, previousEventId: 0, timestamp: T0, type: 'ExecutionStarted' },
  { id: 2, previousEventId: 0, timestamp: T0 + 1, type: 'PassStateEntered', details: { name: 'Prepare' } },
  { id: 3, previousEventId: 2, timestamp: T0 + 2, type: 'PassStateExited', details: { name: 'Prepare' } },
  { id: 4, previousEventId: 3, timestamp: T0 + 3, type: 'PassStateEntered', details: { name: 'Build' } },
];
const SUCCEEDED: HistoryEvent[] = [
  ...RUNNING,
  { id: 5, previousEventId: 4, timestamp: T0 + 4, type: 'PassStateExited', details: { name: 'Build' } },
  { id: 6, previousEventId: 5, timestamp: T0 + 5, type: 'ExecutionSucceeded' },
];

/** History serves a fixed list of events; the execution has ended when the last one is ExecutionSucceeded. */
class History implements HistoryReader {
  constructor(private readonly events: readonly HistoryEvent[]) {}
  describeExecution(): Promise<ExecutionDescription> {
    const done = this.events.at(-1)?.type === 'ExecutionSucceeded';
    return Promise.resolve({
      executionArn: ARN,
      stateMachineArn: 'arn:aws:states:eu-west-1:482913557106:stateMachine:nightly',
      name: 'run-8',
      status: done ? 'SUCCEEDED' : 'RUNNING',
      startDate: T0,
      stopDate: done ? T0 + 5 : undefined,
      redriveCount: 0,
    });
  }
  readEventsAfter = (_arn: string, after: number) => Promise.resolve(this.events.filter((event) => event.id > after));
  readPage = async (arn: string): Promise<HistoryPage> => ({ events: await this.readEventsAfter(arn, 0) });
  describeDefinition = () => Promise.resolve({ definition: {} });
  describeMapRun = () => Promise.reject(new Error('no map runs here'));
  listRunning = () => Promise.resolve([]);
}

async function mirrored(events: readonly HistoryEvent[], autoCleared = true) {
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const deps = reconcileDeps({ history: new History(events), store, ovirt, now: () => T0 + 60_000, mapping: { ...DEFAULT_MAPPING, autoCleared } });
  await reconcileExecution(ARN, deps);
  return { store, ovirt, deps };
}

describe('inspectExecution', () => {
  it('shows no difference for a mirrored running execution', async () => {
    const { deps } = await mirrored(RUNNING);

    const report = await inspectExecution(ARN, deps);

    expect(report.differences).toEqual([]);
    expect(report.plan).toEqual([]);
    expect(report.stepFunctions).toMatchObject({ status: 'RUNNING', historyLength: 4 });
    expect(report.ovirt.jobs[0]?.steps.map((step) => step.key)).toEqual(['step#0#v2', 'step#0#v4']);
  });

  it('marks a step the table says exists that oVirt lacks, and an oVirt step no row records', async () => {
    // Prepare
    const { deps, ovirt, store } = await mirrored(RUNNING);
    const lost = (await store.getRecords(ARN, ['step#0#v4'])).get('step#0#v4')?.ovirtId ?? '';
    ovirt.steps.delete(lost);
    const [job] = [...ovirt.jobs.values()];
    const foreign = await ovirt.addStep(job?.id ?? '', { description: 'Added by hand', type: 'executing' });

    // Act
    const report = await inspectExecution(ARN, deps);

    // Assess
    expect(report.differences).toEqual([
      expect.objectContaining({ kind: 'ovirt-step-without-row', message: expect.stringContaining(`oVirt step ${foreign.id} "Added by hand"`) as unknown }),
      expect.objectContaining({ kind: 'missing-in-ovirt', key: 'step#0#v4' }),
    ]);
  });

  it('does not count a finished job the engine auto-cleared as a difference, but does when the jobs are not auto-cleared', async () => {
    // Prepare
    const cleared = await mirrored(SUCCEEDED, true);
    const kept = await mirrored(SUCCEEDED, false);
    cleared.ovirt.jobs.clear();
    kept.ovirt.jobs.clear();

    // Act
    const [autoCleared, notAutoCleared] = await Promise.all([inspectExecution(ARN, cleared.deps), inspectExecution(ARN, kept.deps)]);

    // Assess
    expect(autoCleared.differences).toEqual([]);
    expect(autoCleared.ovirt.jobs).toEqual([expect.objectContaining({ key: 'job#0', found: false })]);
    expect(notAutoCleared.differences).toEqual([expect.objectContaining({ kind: 'missing-in-ovirt', key: 'job#0' })]);
  });
});
