/**
 * Verdicts of a schedule: which failures are bugs by themselves, which engine requests count
 * as writes for the "nothing more to do once converged" check, and every invariant of one
 * converged execution.
 */
import { isReconcilerError } from '../../../src/errors.js';
import type { SimStats } from '../../../src/local/ovirt-engine/index.js';
import type { ChaosEnvironment } from './environment.js';
import { expectedRuns } from './expected-tree.js';
import type { Violation } from './figures.js';
import { ovirtViolations } from './invariants.js';
import type { LiveExecution } from './live-execution.js';
import { tableViolations } from './table-check.js';

/**
 * unexpectedError: an invocation failed with an error outside the product's error family
 * (a TypeError, an unclassified SDK error…). Every failure a user can meet must be classified
 * at the boundary where it enters (an adapter), so this is a bug even if a retry later succeeds.
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

/** executionViolations checks one converged execution: its oVirt tree against the oracle, and its table rows. */
export async function executionViolations(env: ChaosEnvironment, live: LiveExecution): Promise<Violation[]> {
  const runs = await expectedRuns(env.history, live.arn, env.config.mapping);
  return [
    ...ovirtViolations(env.engine.state, runs, { executionArn: live.arn, cleanedJobs: live.cleanedJobs, startedAtRestart: live.startedAtRestart }),
    ...(await tableViolations(env.table.client, env.table.tableName, live.arn)),
  ];
}
