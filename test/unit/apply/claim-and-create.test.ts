import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/apply/apply-plan.js';
import type { ApplyContext } from '../../../src/apply/context.js';
import { ensureRecoveryReadsAllowed } from '../../../src/apply/search-probe.js';
import { isClaimFailedError, isOvirtPermissionError, OvirtHttpError, OvirtPermissionError, OvirtUnavailableError } from '../../../src/errors.js';
import type { Action } from '../../../src/model/action.js';
import type { MetricName } from '../../../src/model/telemetry.js';
import { silentLog } from '../../../src/model/telemetry.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';

const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:release:run-1';
const NOW = 1_700_000_000_000;
const LEASE_MS = 60_000;
const createJob: Action = { kind: 'createJob', key: 'job#0', description: 'release › run-1', correlationId: 'opj-abc', autoCleared: true };

/** What the oVirt client throws when the engine refuses a non-administrator a job search or a step list (a 400 "insufficient permissions"). */
const refusedRead = (): OvirtPermissionError =>
  new OvirtPermissionError({
    method: 'GET',
    path: '/jobs',
    needed: 'Grant the oVirt user SuperUser on System, or an administrator role of your own.',
    detail: 'Operation Failed: query execution failed due to insufficient permissions.',
  });

function setup(owner = 'owner-a', clock = { at: NOW }, shared?: { store: InMemoryTrackingStore; ovirt: FakeOvirt }) {
  const store = shared?.store ?? new InMemoryTrackingStore();
  const ovirt = shared?.ovirt ?? new FakeOvirt();
  const counted: MetricName[] = [];
  const ctx: ApplyContext = {
    executionArn: ARN,
    store,
    ovirt,
    owner,
    now: () => clock.at,
    leaseMs: LEASE_MS,
    log: silentLog,
    counters: { count: (name) => void counted.push(name) },
  };
  return { store, ovirt, ctx, counted, clock };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('claimAndCreate: a user that may not search (issue 9 #3)', () => {
  it('fails before claiming or adding anything when the job search is refused, with what to grant', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    ovirt.failNext('findJobs', refusedRead());

    // Act
    const error = await failureOf(applyPlan([createJob], new Map(), ctx));

    // Assess
    expect(isOvirtPermissionError(error)).toBe(true);
    expect((error as Error).message).toMatch(/SuperUser/);
    expect(ovirt.calls).toEqual(['findJobs']);
    expect(store.rows.size).toBe(0);
  });

  it('a lost answer to an add whose lookup is refused fails loud and non-retryable, and so does every invocation the claim blocks', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    await ensureRecoveryReadsAllowed(ovirt); // the user could search once (rights withdrawn since)
    ovirt.failNext('addJob', new OvirtUnavailableError('socket reset', { code: 'ECONNRESET', retryable: true }), true);
    ovirt.failNext('findJobs', refusedRead());
    const replay = setup('owner-b', { at: NOW + 1000 }, { store, ovirt });

    // Act
    const first = await failureOf(applyPlan([createJob], new Map(), ctx));
    const second = await failureOf(applyPlan([createJob], await store.getRecords(ARN, ['job#0']), replay.ctx));

    // Assess
    expect(isOvirtPermissionError(first)).toBe(true);
    expect(isClaimFailedError(second) && second.retryable).toBe(false);
    expect((second as Error).message).toMatch(/OvirtPermissionError/);
    expect(ovirt.jobs.size).toBe(1);
    expect((await store.getRecords(ARN, ['job#0'])).get('job#0')).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-a', lastErrorName: 'OvirtPermissionError' });
  });
});

describe('claimAndCreate: errors hidden behind claims (issue 9, errors behind claims)', () => {
  it('an add that failed without ambiguity is reported by the invocations its claim blocks, not answered pending', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    ovirt.failNext('addJob', new OvirtUnavailableError('The engine\'s TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE).', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', retryable: false }));
    const retry = setup('owner-b', { at: NOW + 1000 }, { store, ovirt });

    // Act
    const first = await failureOf(applyPlan([createJob], new Map(), ctx));
    const second = await failureOf(applyPlan([createJob], await store.getRecords(ARN, ['job#0']), retry.ctx));

    // Assess
    expect((first as Error).name).toBe('OvirtUnavailableError');
    expect(isClaimFailedError(second) && second.retryable).toBe(true);
    expect((second as Error).message).toMatch(/not trusted/);
    expect(retry.counted).toContain('ClaimsHeldByFailedAttempt');
    expect(ovirt.jobs.size).toBe(0);
  });

  it('once the failed claim lapses, the next invocation looks the object up, creates it once, and the error is gone from the row', async () => {
    // Prepare
    const { store, ovirt, ctx } = setup();
    ovirt.failNext('addJob', new OvirtHttpError({ status: 302, method: 'POST', path: '/jobs', detail: 'unexpected text/html body' }));
    await failureOf(applyPlan([createJob], new Map(), ctx));
    const later = setup('owner-b', { at: NOW + LEASE_MS + 1 }, { store, ovirt });

    // Act
    const report = await applyPlan([createJob], await store.getRecords(ARN, ['job#0']), later.ctx);

    // Assess
    expect(report.applied).toBe(1);
    expect(ovirt.jobs.size).toBe(1);
    const row = (await store.getRecords(ARN, ['job#0'])).get('job#0');
    expect(row).toMatchObject({ state: 'CREATED' });
    expect(row?.lastError).toBeUndefined();
  });
});

describe('claimAndCreate: a claim taken over is never recorded silently (issue 9 #7)', () => {
  it('renews the claim after a takeover lookup, so the add starts with the whole lease ahead', async () => {
    // Prepare
    const clock = { at: NOW };
    const { store, ovirt, ctx } = setup('owner-a', clock);
    await store.claim({ executionArn: ARN, key: 'job#0', state: 'PENDING', leaseOwner: 'crashed', leaseExpiresAt: NOW - 1 }, NOW - LEASE_MS);
    await ensureRecoveryReadsAllowed(ovirt);
    const find = ovirt.findJobsByCorrelationId;
    let leaseAtAdd: number | undefined;
    ovirt.findJobsByCorrelationId = async (cid: string) => {
      clock.at += 40_000; // a slow lookup
      return find(cid);
    };
    const add = ovirt.addJob;
    ovirt.addJob = async (input) => {
      leaseAtAdd = (await store.getRecords(ARN, ['job#0'])).get('job#0')?.leaseExpiresAt;
      return add(input);
    };

    // Act
    await applyPlan([createJob], await store.getRecords(ARN, ['job#0']), ctx);

    // Assess
    expect(leaseAtAdd).toBe(NOW + 40_000 + LEASE_MS);
    expect(ovirt.jobs.size).toBe(1);
  });

  it('does not add when the claim was taken over during the takeover lookup', async () => {
    // Prepare
    const clock = { at: NOW };
    const { store, ovirt, ctx, counted } = setup('owner-a', clock);
    await store.claim({ executionArn: ARN, key: 'job#0', state: 'PENDING', leaseOwner: 'crashed', leaseExpiresAt: NOW - 1 }, NOW - LEASE_MS);
    await ensureRecoveryReadsAllowed(ovirt);
    const find = ovirt.findJobsByCorrelationId;
    ovirt.findJobsByCorrelationId = async (cid: string) => {
      const found = await find(cid);
      const late = NOW + LEASE_MS + 1; // our lease lapsed during the lookup and owner-b took the claim
      await store.claim({ executionArn: ARN, key: 'job#0', state: 'PENDING', leaseOwner: 'owner-b', leaseExpiresAt: late + LEASE_MS }, late);
      return found;
    };

    // Act
    const report = await applyPlan([createJob], await store.getRecords(ARN, ['job#0']), ctx);

    // Assess
    expect(report.blocked).toEqual(['job#0']);
    expect(ovirt.calls).not.toContain('addJob');
    expect(counted).toContain('ClaimsTakenOver');
    expect((await store.getRecords(ARN, ['job#0'])).get('job#0')).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-b' });
  });

  it('does not record its object over a claim another invocation took over during the add', async () => {
    // Prepare
    const { store, ovirt, ctx, counted } = setup();
    const add = ovirt.addJob;
    ovirt.addJob = async (input) => {
      const job = await add(input);
      const late = NOW + LEASE_MS + 1;
      await store.claim({ executionArn: ARN, key: 'job#0', state: 'PENDING', leaseOwner: 'owner-b', leaseExpiresAt: late + LEASE_MS }, late);
      return job;
    };

    // Act
    const report = await applyPlan([createJob], new Map(), ctx);

    // Assess
    expect(report.blocked).toEqual(['job#0']);
    expect(counted).toContain('ClaimsTakenOver');
    expect((await store.getRecords(ARN, ['job#0'])).get('job#0')).toMatchObject({ state: 'PENDING', leaseOwner: 'owner-b' });
  });
});
