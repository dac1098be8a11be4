/**
 * The real handlers, dynalite and the engine simulator under the claim failures of issue 9:
 * a user that may add but not search (#3), errors that used to hide behind a claim as `pending`,
 * and leases too short for the oVirt calls they guard (#7).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isClaimFailedError, isConfigError, isOvirtPermissionError } from '../../../src/errors.js';
import type { Outcome } from '../../../src/model/outcome.js';
import { SIM_USER, startLocalParts } from '../../helpers/local-parts.js';
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
});
