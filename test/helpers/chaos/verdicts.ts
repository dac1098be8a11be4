/**
 * Small verdicts of a schedule: which failures are bugs by themselves, and which engine
 * requests count as writes for the "nothing more to do once converged" check.
 */
import { isReconcilerError } from '../../../src/errors.js';
import type { SimStats } from '../../../src/local/ovirt-engine/index.js';

/**
 * unexpectedError: an invocation failed with an error outside the product's error family
 * (a TypeError, an unclassified SDK error…). Every failure a user can meet must be classified
 * at the boundary (STYLE.md §2.8), so this is a bug even if a retry later succeeds.
 */
export function unexpectedError(error: Error): boolean {
  return !isReconcilerError(error);
}

/** writesAfterConvergence lists the job/step write routes the engine saw (adds and ends). */
export function writesAfterConvergence(stats: SimStats): string[] {
  return Object.entries(stats.byRoute)
    .filter(([route, count]) => route.startsWith('POST /jobs') && count > 0)
    .map(([route, count]) => `${route} ×${count}`);
}
