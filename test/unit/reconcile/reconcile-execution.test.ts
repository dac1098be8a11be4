/**
 * reconcileExecution's lease loop over in-memory ports: requests counted while another
 * invocation holds the execution, going round again before releasing, dry run, and the two
 * ways a run stops early (settled, older than the retention).
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionDescription, HistoryEvent } from '../../../src/model/execution.js';
import type { HistoryPage, HistoryReader } from '../../../src/ports.js';
import { reconcileExecution } from '../../../src/reconcile/reconcile-execution.js';
import { reconcileDeps } from '../../helpers/reconcile-deps.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';

const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:nightly:run-7';
const T0 = Date.parse('2025-03-14T10:00:00Z');

const EVENTS: HistoryEvent[] = [
  { id: 1, previousEventId: 0, timestamp: T0, type: 'ExecutionStarted' },
  { id: 2, previousEventId: 0, timestamp: T0 + 1, type: 'PassStateEntered', details: { name: 'Prepare' } },
  { id: 3, previousEventId: 2, timestamp: T0 + 2, type: 'PassStateExited', details: { name: 'Prepare' } },
  { id: 4, previousEventId: 3, timestamp: T0 + 3, type: 'ExecutionSucceeded' },
];

/** FakeHistory serves the first `shown` events; `onRead` runs during a history read (to interleave another invocation). */
class FakeHistory implements HistoryReader {
  shown = EVENTS.length;
  reads = 0;
  onRead: (() => Promise<void>) | undefined;
  describeExecution(): Promise<ExecutionDescription> {
    const done = this.shown >= EVENTS.length;
    return Promise.resolve({
      executionArn: ARN,
      stateMachineArn: 'arn:aws:states:eu-west-1:482913557106:stateMachine:nightly',
      name: 'run-7',
      status: done ? 'SUCCEEDED' : 'RUNNING',
      startDate: T0,
      stopDate: done ? T0 + 3 : undefined,
      redriveCount: 0,
    });
  }
  async readEventsAfter(_arn: string, after: number): Promise<HistoryEvent[]> {
    this.reads += 1;
    const events = EVENTS.slice(0, this.shown).filter((e) => e.id > after);
    const hook = this.onRead;
    this.onRead = undefined;
    await hook?.();
    return events;
  }
  async readPage(arn: string, token?: string): Promise<HistoryPage> {
    // One page holds everything shown: a first sync here is a single forward page.
    return { events: await this.readEventsAfter(arn, token === undefined ? 0 : Number(token)) };
  }
  describeDefinition = () => Promise.resolve({ definition: {} });
  describeMapRun = () => Promise.reject(new Error('no map runs here'));
  listRunning = () => Promise.resolve([]);
}

function setup(now = T0 + 60_000) {
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const history = new FakeHistory();
  const deps = reconcileDeps({ history, store, ovirt, now: () => now });
  return { store, ovirt, history, deps };
}

describe('reconcileExecution', () => {
  it('converges a finished execution and then stops at DescribeExecution for duplicates', async () => {
    // Prepare
    const { deps, ovirt, history, store } = setup();

    // Act
    const first = await reconcileExecution(ARN, deps);
    const readsAfterFirst = history.reads;
    const again = await reconcileExecution(ARN, deps);

    // Assess
    expect(first).toMatchObject({ kind: 'converged', actions: 3 });
    expect(again).toEqual({ kind: 'converged', executionArn: ARN, actions: 0 });
    expect(history.reads).toBe(readsAfterFirst);
    expect([...ovirt.jobs.values()].map((j) => j.status)).toEqual(['finished']);
    expect(store.expiries.get(ARN)).toBe(Math.ceil((T0 + 3 + 30 * 86_400_000) / 1000));
  });

  it('answers pending while another invocation holds the execution, and the holder goes round again', async () => {
    // Prepare: while the first invocation reads history, the execution advances and a second event arrives.
    const { deps, history, ovirt } = setup();
    history.shown = 3;
    let second: unknown;
    history.onRead = async () => {
      history.shown = EVENTS.length;
      second = await reconcileExecution(ARN, deps);
    };

    // Act
    const first = await reconcileExecution(ARN, deps);

    // Assess
    expect(second).toMatchObject({ kind: 'pending', reason: expect.stringContaining('another invocation') as string });
    expect(first).toMatchObject({ kind: 'converged' });
    expect(history.reads).toBe(2);
    expect([...ovirt.jobs.values()].map((j) => j.status)).toEqual(['finished']);
  });

  it('reports a running execution as pending, to be revisited by the sweep', async () => {
    // Prepare
    const { deps, history, store } = setup();
    history.shown = 3;

    // Act
    const outcome = await reconcileExecution(ARN, deps);

    // Assess
    expect(outcome).toMatchObject({ kind: 'pending', requeueAfterSeconds: 30, reason: 'execution is running' });
    expect((await store.listOpen(10)).map((e) => e.executionArn)).toEqual([ARN]);
  });

  it('changes nothing in a dry run', async () => {
    // Prepare
    const { deps, ovirt, store } = setup();

    // Act
    const outcome = await reconcileExecution(ARN, { ...deps, dryRun: true });

    // Assess
    expect(outcome).toMatchObject({ kind: 'converged', actions: 0 });
    expect(ovirt.calls).toEqual([]);
    expect(store.rows.size).toBe(0);
  });

  it('issue 11 (backfill): mirrors an execution that ended before the retention window when asked to, and its rows expire a retention after the sync, not at once', async () => {
    // Prepare
    const now = T0 + 31 * 86_400_000;
    const { deps, ovirt, store } = setup(now);

    // Act
    const outcome = await reconcileExecution(ARN, { ...deps, mirrorBeyondRetention: true });
    const replay = await reconcileExecution(ARN, deps);

    // Assess
    expect(outcome).toMatchObject({ kind: 'converged', actions: 3 });
    expect([...ovirt.jobs.values()].map((j) => j.status)).toEqual(['finished']);
    expect(store.expiries.get(ARN)).toBe(Math.ceil((now + 30 * 86_400_000) / 1000));
    expect(replay).toEqual({ kind: 'converged', executionArn: ARN, actions: 0 });
    expect(ovirt.jobs.size).toBe(1);
  });

  it('does not mirror an execution that ended before the retention window', async () => {
    // Prepare
    const { deps, ovirt } = setup(T0 + 31 * 86_400_000);

    // Act
    const outcome = await reconcileExecution(ARN, deps);

    // Assess
    expect(outcome).toMatchObject({ kind: 'converged', actions: 0 });
    expect(ovirt.calls).toEqual([]);
  });
});
