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
  { seed: 4242, path: '245', kinds: [], found: 'listed in issue 9 as a schedule that failed' },
];
