/**
 * The real handlers, dynalite and the engine simulator under the claim failures of issue 9:
 * a user that may add but not search (#3), errors that used to hide behind a claim as `pending`,
 * and leases too short for the oVirt calls they guard (#7).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOvirtClient } from '../../../src/adapters/ovirt/index.js';
import { minimumLeaseMs } from '../../../src/config/lease-settings.js';
import { makeOnExecutionEventHandler } from '../../../src/entry/on-execution-event.js';
import { isClaimFailedError, isConfigError, isOvirtPermissionError } from '../../../src/errors.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import type { Outcome } from '../../../src/model/outcome.js';
import { lambdaContext, SIM_USER, startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { renderExternalJobs } from '../../helpers/ovirt-tree.js';
import { EXPECTED_TREES } from './expected-trees.js';
import { Clock, fixture, revealAll } from './support.js';

async function failureOf(promise: Promise<Outcome>): Promise<unknown> {
  return promise.then(
    (outcome) => outcome,
    (error: unknown) => error,
  );
}

describe('claims under failures (issue 9)', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
    parts = undefined;
  });

  it('issue 9 #3: a user without administrator reads and one lost answer to an add fail loudly on the first pipeline, and a replay is not pending', async () => {
    // Prepare
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now }, engine: { users: [{ ...SIM_USER, admin: false }] } });
    parts.engine.faults.add({ kind: 'reset-after-apply', times: 1, match: { route: 'POST /jobs' } });
    const counted = vi.spyOn(parts.runtime.counters, 'count');
    const events = revealAll(parts.sfn, fixture('a'));
    const last = events[events.length - 1];

    // Act
    const first = await failureOf(parts.onEvent(last));
    const replay = await failureOf(parts.onEvent(last));
    clock.advance(parts.config.leaseSeconds * 1000 + 1000);
    const sweep = await parts.sweep();

    // Assess
    expect(isOvirtPermissionError(first)).toBe(true);
    expect((first as Error).message).toMatch(/SuperUser/);
    expect(isOvirtPermissionError(replay) || isClaimFailedError(replay)).toBe(true);
    expect(sweep).toMatchObject({ converged: 0, pending: 0, failed: 1 });
    expect(counted.mock.calls.filter(([name]) => name === 'OvirtPermissionDenied').length).toBeGreaterThanOrEqual(3);
    expect(parts.engine.state.jobs().filter((job) => job.external)).toEqual([]);
  });

  it('issue 9, errors behind claims: an add that failed (engine certificate not trusted) is reported by the replay, not answered pending', async () => {
    // Prepare: the function trusts the system CAs only, not the simulator's generated CA.
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now }, env: { OVIRT_CAFILE: '' } });
    const events = revealAll(parts.sfn, fixture('a'));
    const last = events[events.length - 1];

    // Act
    const first = await failureOf(parts.onEvent(last));
    const replay = await failureOf(parts.onEvent(last));

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect(isClaimFailedError(replay)).toBe(true);
    expect((replay as Error).message).toContain((first as Error).message.slice(0, 40));
    expect(parts.engine.state.jobs().filter((job) => job.external)).toEqual([]);
  });

  it('issue 9, errors behind claims: a lost add that did not happen is reported within the lease, then created exactly once after it', async () => {
    // Prepare
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    parts.engine.faults.add({ kind: 'reset-before-apply', times: 1, match: { route: 'POST /jobs' } });
    const events = revealAll(parts.sfn, fixture('a'));
    const last = events[events.length - 1];

    // Act
    const first = await failureOf(parts.onEvent(last));
    const replay = await failureOf(parts.onEvent(last));
    clock.advance(parts.config.leaseSeconds * 1000 + 1000);
    const afterLease = await parts.onEvent(last);

    // Assess
    expect((first as Error).name).toBe('OvirtUnavailableError');
    expect(isClaimFailedError(replay) && replay.retryable).toBe(true);
    expect(afterLease).toMatchObject({ kind: 'converged' });
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.a);
  });

  it('issue 9 #7: LEASE_SECONDS=5 with the default 10 s oVirt timeout (two jobs for one run when adds took 6 s) is refused at cold start', async () => {
    // Act
    const started = await startLocalParts({ env: { LEASE_SECONDS: '5' } }).then(
      (running) => {
        parts = running;
        return undefined;
      },
      (error: unknown) => error,
    );

    // Assess
    expect(isConfigError(started) && started.variable).toBe('LEASE_SECONDS');
    expect((started as Error).message).toMatch(/OVIRT_TIMEOUT_MS/);
  });

  it('issue 9 #7: at the shortest lease the configuration accepts, an add as slow as the timeout and a second container whose clock is ahead by the skew margin make one job', async () => {
    // Prepare: container A's adds take OVIRT_TIMEOUT_MS (on its clock); while A's job add is under
    // way, container B (clock ahead by MAX_CLOCK_SKEW_SECONDS, same table and engine) gets the event.
    const timeoutMs = 1000;
    const skewSeconds = 30;
    const clockA = new Clock();
    const clockB = { now: () => clockA.now() + skewSeconds * 1000 };
    const env = {
      OVIRT_TIMEOUT_MS: String(timeoutMs),
      MAX_CLOCK_SKEW_SECONDS: String(skewSeconds),
      LEASE_SECONDS: String(Math.ceil(minimumLeaseMs(timeoutMs, skewSeconds) / 1000)),
    };
    const local = await startLocalParts({ env });
    parts = local;
    const client = () =>
      createOvirtClient({ url: local.engine.apiUrl, username: SIM_USER.name, password: SIM_USER.password, caFile: local.engine.caFile, headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs });
    const containerB = makeOnExecutionEventHandler(createRuntime(local.config, { ovirt: client(), now: clockB.now, store: local.table.store }));
    const events = revealAll(local.sfn, fixture('a'));
    const last = events[events.length - 1];
    const realA = client();
    let duringAdd: unknown;
    const slowA: typeof realA = Object.create(realA) as typeof realA;
    slowA.addJob = async (input, signal) => {
      clockA.advance(timeoutMs - 1);
      duringAdd = await containerB(last, lambdaContext()).catch((error: unknown) => error);
      return realA.addJob(input, signal);
    };
    const containerA = makeOnExecutionEventHandler(createRuntime(local.config, { ovirt: slowA, now: clockA.now, store: local.table.store }));

    // Act
    const first = await containerA(last, lambdaContext()).catch((error: unknown) => error);
    clockA.advance(local.config.leaseSeconds * 1000 + 1000);
    await containerB(last, lambdaContext());

    // Assess
    expect(duringAdd).toMatchObject({ kind: 'pending' });
    expect(first).toMatchObject({ kind: 'converged' });
    expect(renderExternalJobs(local.engine)).toEqual(EXPECTED_TREES.a);
  });
});
