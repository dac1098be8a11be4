/**
 * summariseCapWindow writes the one summary job of a cap window that had Express executions
 * over the cap, e.g. `billing-notify: 1,240 Express executions not mirrored between 16:05 and
 * 16:06 UTC (cap 60/min)`, created and ended (finished) at once, through the same claim →
 * create → record rows as every job, so it exists exactly once. The sweep calls it when the
 * window row is due (window end + CAP_SUMMARY_DELAY_MS): an oVirt description cannot change
 * afterwards, so the count must be final first.
 */
import { correlationId } from '../../core/correlation-id.js';
import { capSummaryDescription } from '../../core/express.js';
import { jobKey } from '../../core/object-key.js';
import type { DesiredState } from '../../model/desired.js';
import type { Outcome } from '../../model/outcome.js';
import { expiryAfter } from '../deps.js';
import type { ReconcileDeps } from '../deps.js';
import { settleFailedSync } from '../sync-failure.js';
import { applyDesired } from '../apply-desired.js';
import type { parseCapWindowKey } from './identity.js';
import type { ExpressSettings } from './settings.js';
import { CAP_WINDOW_MS } from './settings.js';

type CapWindow = NonNullable<ReturnType<typeof parseCapWindowKey>>;

/** summariseCapWindow converges the summary job of the window row `key`. */
export async function summariseCapWindow(
  key: string,
  window: CapWindow,
  deps: ReconcileDeps,
  settings: ExpressSettings,
  signal?: AbortSignal,
): Promise<Outcome> {
  const owner = deps.newOwner();
  const meta = await deps.store.acquireLease(key, owner, deps.now(), deps.leaseMs, signal);
  if (meta === null) return { kind: 'pending', executionArn: key, requeueAfterSeconds: deps.requeueSeconds, reason: 'another invocation holds the window', actions: 0 };
  try {
    const count = meta.notMirrored ?? 0;
    const description = capSummaryDescription(window.stateMachineName, count, window.windowStart, CAP_WINDOW_MS, settings.maxPerMinute, deps.mapping.descriptionMaxLength);
    const desired: DesiredState = {
      jobs:
        count === 0
          ? []
          : [{ key: jobKey(0), run: 0, description, correlationId: correlationId(key, 0), autoCleared: deps.mapping.autoCleared, end: 'finished' }],
      steps: [],
    };
    const { report } = await applyDesired(key, owner, meta.open, desired, deps, signal);
    if (deps.dryRun || report.blocked.length > 0 || report.stopped === true) {
      await deps.store.releaseLease(key, owner);
      return deps.dryRun
        ? { kind: 'converged', executionArn: key, actions: 0 }
        : { kind: 'pending', executionArn: key, requeueAfterSeconds: deps.requeueSeconds, reason: 'summary job not written yet', actions: report.applied };
    }
    if (report.applied > 0) deps.counters.count('ExpressCapSummaries');
    const progress = { cursor: 0, status: 'SUCCEEDED', redriveCount: 0, stateMachineArn: window.stateMachineArn, startDate: window.windowStart, open: false };
    const saved = await deps.store.saveProgress(key, owner, meta.requests, progress, deps.now(), deps.leaseMs, signal);
    if (saved.kind === 'requested-again') await deps.store.releaseLease(key, owner);
    await deps.store.expireExecution(key, expiryAfter(deps.now(), deps), signal);
    return { kind: 'converged', executionArn: key, actions: report.applied };
  } catch (error) {
    await settleFailedSync(key, owner, meta, error, deps, signal);
    throw error;
  }
}
