/**
 * Every chaos schedule that ever broke an invariant, in one place: a worker seed, the
 * fast-check path inside it, and the fault dimensions that were enabled when it was found
 * (`[]`: the base schedule only; the arbitrary draws the base first, so these replay the same
 * base schedule whatever dimensions exist now). The chaos slice in `npm test` and every
 * `npm run test:chaos` replay them all before their fresh seed.
 *
 * When a run fails, add its seed, path and kinds here (the runner prints the line to add), fix
 * the product, and write the deterministic regression test in regressions.test.ts.
 */
import type { FaultDimension } from '../helpers/chaos/dimensions.js';

/** KnownFailure is one schedule that once failed, and what it found. */
export interface KnownFailure {
  readonly seed: number;
  readonly path: string;
  readonly kinds: readonly FaultDimension[];
  readonly found: string;
}

/** KNOWN_FAILING_SCHEDULES lists them, oldest first. */
export const KNOWN_FAILING_SCHEDULES: readonly KnownFailure[] = [
  { seed: 1, path: '0', kinds: [], found: 'a deleted allow-listed state machine stopped the sweep; an event was lost while a dead invocation held the lease' },
  { seed: 2, path: '179', kinds: [], found: 'a job was ended while one of its steps waited for a claim held elsewhere' },
  { seed: 4242, path: '245', kinds: [], found: 'a step row left PENDING after the schedule converged (listed in issue 9)' },
  { seed: 5150, path: '2', kinds: ['poison'], found: 'issue 9: poison executions at the head of the sweep order starve the others (never converged)' },
  { seed: 5150, path: '21', kinds: ['hostile-2xx'], found: 'issue 9: a step end answered 200 with a login page was taken for success; the job end then failed the step' },
  { seed: 796395729, path: '38', kinds: ['slow-calls'], found: 'issue 9: a sweep whose oVirt call outlived its lease added a step that the event invocation which took the lease over had added too (duplicate step)' },
  { seed: 796396298, path: '1', kinds: ['non-admin'], found: 'issue 9: a job add whose answer was lost, with lookups refused to a non-admin user, leaves the execution silently pending ("waiting for objects claimed elsewhere")' },
  { seed: 796396117, path: '128', kinds: ['slow-calls', 'clock-skew'], found: 'issue 9: a slow call under the lease, seen from a skewed clock, let two invocations add the same step (duplicate step)' },
  { seed: 796394974, path: '0', kinds: ['slow-calls', 'clock-skew', 'non-admin', 'hostile-2xx', 'poison'], found: 'issue 9: all dimensions; failed (steps missing, PENDING rows) while the non-admin verdict judged loudness by sweep failures; the execution is reported loudly by one more event, so it passes since' },
  { seed: -1213631408, path: '401', kinds: ['slow-calls', 'clock-skew', 'non-admin', 'hostile-2xx', 'poison'], found: "issue 9 (harness): an execution that ran only while the sweep's discovery share was taken by another lost execution, all its events lost, was counted as seen and then mirrored after convergence; it is unobservable by design (README: Limits)" },
];
