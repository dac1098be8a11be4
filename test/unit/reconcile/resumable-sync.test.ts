/**
 * Resumable first syncs over in-memory ports: a long history read forward page by page with
 * progress saved after each page, a soft deadline between pages or inside one, an expired page
 * token, and the engine minimum across pages (a succeeded run's steps are left to the job end).
 */
import { describe, expect, it } from 'vitest';
import type { MetaProgress, SaveResult } from '../../../src/ports.js';
import { reconcileExecution } from '../../../src/reconcile/reconcile-execution.js';
import { reconcileDeps } from '../../helpers/reconcile-deps.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { PAGED_ARN, PagedHistory, pollingHistory } from '../../helpers/paged-history.js';

/** 46 events: ExecutionStarted, 11 closed Poll → Pause loops, the execution's end. */
const EVENT_COUNT = 46;
const PAGE_SIZE = 10;
const PAGES = Math.ceil(EVENT_COUNT / PAGE_SIZE);

/** SavingStore records every progress save (and may move the deadline on one). */
class SavingStore extends InMemoryTrackingStore {
  readonly saves: MetaProgress[] = [];
  onSave: ((count: number) => void) | undefined;
  override async saveProgress(arn: string, owner: string, seen: number | null, progress: MetaProgress, now: number, leaseMs: number): Promise<SaveResult> {
    const result = await super.saveProgress(arn, owner, seen, progress, now, leaseMs);
    this.saves.push(progress);
    this.onSave?.(this.saves.length);
    return result;
  }
}

function setup(status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED', pageSize = PAGE_SIZE) {
  const store = new SavingStore();
  const ovirt = new FakeOvirt();
  const history = new PagedHistory(pollingHistory(EVENT_COUNT, status), pageSize, status);
  const clock = { remaining: Number.POSITIVE_INFINITY };
  const deps = reconcileDeps({ history, store, ovirt, now: () => Date.parse('2025-03-14T11:00:00Z'), remainingMs: () => clock.remaining });
  return { store, ovirt, history, clock, deps };
}

const count = (calls: readonly string[], method: string) => calls.filter((call) => call === method).length;
const pendingRows = (store: InMemoryTrackingStore) => [...store.rows.values()].filter((row) => row.state === 'PENDING');

/** stepsOfOneRun: how many steps an uninterrupted sync of the same history creates. */
async function stepsOfOneRun(): Promise<number> {
  const reference = setup();
  await reconcileExecution(PAGED_ARN, reference.deps);
  return count(reference.ovirt.calls, 'addStep');
}

describe('a first sync of a long history', () => {
  it('reads forward page by page and saves cursor, checkpoint and the next page token after each page', async () => {
    // Prepare
    const { deps, store, history } = setup();
    const lastIds = Array.from({ length: PAGES }, (_, page) => Math.min((page + 1) * PAGE_SIZE, EVENT_COUNT));

    // Act
    const outcome = await reconcileExecution(PAGED_ARN, deps);

    // Assess
    expect(outcome).toMatchObject({ kind: 'converged' });
    expect(history.pagesServed).toEqual(Array.from({ length: PAGES }, (_, page) => page));
    expect(history.reverseReads).toEqual([]);
    expect(store.saves.map((save) => save.cursor)).toEqual(lastIds);
    expect(store.saves.map((save) => save.historyToken)).toEqual([...lastIds.slice(1).map((_, page) => String(page + 1)), undefined]);
    expect(store.saves.every((save) => save.checkpoint !== undefined)).toBe(true);
    expect(store.metas.get(PAGED_ARN)?.leaseOwner).toBeUndefined();
  });

  it('stops at a deadline after page k with the lease released, and the next invocation reads on from page k+1', async () => {
    // Prepare
    const { deps, store, history, ovirt, clock } = setup();
    const expectedSteps = await stepsOfOneRun();
    store.onSave = (saves) => {
      if (saves === 2) clock.remaining = 0;
    };

    // Act
    const first = await reconcileExecution(PAGED_ARN, deps);
    const afterFirst = store.metas.get(PAGED_ARN);
    clock.remaining = Number.POSITIVE_INFINITY;
    const second = await reconcileExecution(PAGED_ARN, deps);

    // Assess
    expect(first).toMatchObject({ kind: 'pending', reason: expect.stringContaining('deadline') as string });
    expect(afterFirst).toMatchObject({ cursor: 2 * PAGE_SIZE, historyToken: '2', leaseOwner: undefined });
    expect(second).toMatchObject({ kind: 'converged' });
    expect(history.pagesServed).toEqual(Array.from({ length: PAGES }, (_, page) => page));
    expect(count(ovirt.calls, 'addJob')).toBe(1);
    expect(count(ovirt.calls, 'addStep')).toBe(expectedSteps);
    expect(pendingRows(store)).toEqual([]);
  });

  it('stops between two oVirt calls inside a page without saving that page, and re-reads only that page', async () => {
    // Prepare
    const { deps, store, history, ovirt, clock } = setup();
    const expectedSteps = await stepsOfOneRun();
    let callsAtPage: number | undefined;
    history.onPage = (page) => {
      if (page === 2 && callsAtPage === undefined) callsAtPage = ovirt.calls.length;
    };
    const interrupted: typeof deps = {
      ...deps,
      remainingMs: () => (callsAtPage !== undefined && ovirt.calls.length >= callsAtPage + 2 ? 0 : clock.remaining),
    };

    // Act
    const first = await reconcileExecution(PAGED_ARN, interrupted);
    const afterFirst = store.metas.get(PAGED_ARN);
    const second = await reconcileExecution(PAGED_ARN, deps);

    // Assess
    expect(first).toMatchObject({ kind: 'pending', reason: expect.stringContaining('deadline') as string });
    expect(afterFirst).toMatchObject({ cursor: 2 * PAGE_SIZE, historyToken: '2', leaseOwner: undefined });
    expect(pendingRows(store)).toEqual([]);
    expect(second).toMatchObject({ kind: 'converged' });
    expect(history.pagesServed).toEqual([0, 1, 2, ...Array.from({ length: PAGES - 2 }, (_, page) => page + 2)]);
    expect(count(ovirt.calls, 'addStep')).toBe(expectedSteps);
  });

  it('falls back to reading newest first after the cursor when the saved page token has expired', async () => {
    // Prepare
    const { deps, store, history, ovirt, clock } = setup();
    const expectedSteps = await stepsOfOneRun();
    store.onSave = (saves) => {
      if (saves === 2) clock.remaining = 0;
    };
    await reconcileExecution(PAGED_ARN, deps);
    history.expiredTokens.add('2');
    clock.remaining = Number.POSITIVE_INFINITY;

    // Act
    const outcome = await reconcileExecution(PAGED_ARN, deps);

    // Assess
    expect(outcome).toMatchObject({ kind: 'converged' });
    expect(history.pagesServed).toEqual([0, 1]);
    expect(history.reverseReads).toEqual([2 * PAGE_SIZE]);
    expect(store.metas.get(PAGED_ARN)?.historyToken).toBeUndefined();
    expect(count(ovirt.calls, 'addStep')).toBe(expectedSteps);
    expect([...ovirt.jobs.values()].map((job) => job.status)).toEqual(['finished']);
  });
});

describe('the engine minimum across pages', () => {
  it('leaves the steps of a run known to have SUCCEEDED to the job end, on every page', async () => {
    // Prepare
    const { deps, ovirt } = setup('SUCCEEDED');

    // Act
    await reconcileExecution(PAGED_ARN, deps);

    // Assess
    expect(count(ovirt.calls, 'addStep')).toBeGreaterThan(PAGES);
    expect(count(ovirt.calls, 'endStep')).toBe(0);
    expect(count(ovirt.calls, 'endJob')).toBe(1);
    expect([...ovirt.jobs.values()].map((job) => job.status)).toEqual(['finished']);
  });

  it('ends each finished step of a FAILED run before the job, so the cascade does not fail them', async () => {
    // Prepare: the same history read as one page is the reference.
    const { deps, ovirt } = setup('FAILED');
    const whole = setup('FAILED', EVENT_COUNT);

    // Act
    await reconcileExecution(PAGED_ARN, deps);
    await reconcileExecution(PAGED_ARN, whole.deps);

    // Assess
    expect(count(ovirt.calls, 'endStep')).toBeGreaterThan(PAGES);
    expect(count(ovirt.calls, 'endStep')).toBe(count(whole.ovirt.calls, 'endStep'));
    expect(ovirt.calls.at(-1)).toBe('endJob');
    expect([...ovirt.jobs.values()].map((job) => job.status)).toEqual(['failed']);
  });
});
