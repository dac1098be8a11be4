/**
 * applyDesired makes oVirt and the tracking rows of one tracking key (a Standard execution, an
 * Express run, a cap window) match a desired state, the last part of every sync: read the
 * rows, plan (core/plan), put the key in the sweep index before a job is created (a crash
 * after the add still leaves it to the sweep), settle rows under jobs oVirt no longer has, and
 * apply (src/apply). The caller holds the key's lease.
 */
import { applyPlan } from '../apply/apply-plan.js';
import type { ApplyReport } from '../apply/apply-plan.js';
import type { ApplyContext } from '../apply/context.js';
import { settleUnderGoneJobs } from '../apply/settle-gone.js';
import { plan } from '../core/plan.js';
import type { PlanHints } from '../core/plan.js';
import type { Action } from '../model/action.js';
import type { DesiredState } from '../model/desired.js';
import { deadlineReached } from './deps.js';
import type { ReconcileDeps } from './deps.js';

/** Applied: the planned actions and what applying them did. */
export interface Applied {
  readonly actions: readonly Action[];
  readonly report: ApplyReport;
}

/** applyDesired applies `desired` for `key`; `open` says whether the key is already in the sweep index. */
export async function applyDesired(
  key: string,
  owner: string,
  open: boolean,
  desired: DesiredState,
  deps: ReconcileDeps,
  signal?: AbortSignal,
  hints: PlanHints = {},
): Promise<Applied> {
  const keys = [...desired.jobs.map((job) => job.key), ...desired.steps.map((step) => step.key)];
  const recorded = await deps.store.getRecords(key, keys, signal);
  const actions = plan(desired, recorded, hints);
  if (deps.dryRun) {
    deps.log.info('Dry run: planned oVirt changes were not applied', { actions: actions.length, plan: actions });
    return { actions, report: { applied: 0, blocked: [], gone: [] } };
  }
  if (!open && actions.some((action) => action.kind === 'createJob')) {
    if (!(await deps.store.markOpen(key, owner, deps.now(), signal))) return { actions, report: { applied: 0, blocked: ['meta'], gone: [] } };
  }
  const apply: ApplyContext = {
    executionArn: key,
    store: deps.store,
    ovirt: deps.ovirt,
    owner,
    now: deps.now,
    leaseMs: deps.leaseMs,
    log: deps.log,
    counters: deps.counters,
    signal,
    shouldStop: () => deadlineReached(deps),
  };
  await settleUnderGoneJobs(desired.steps, recorded, apply);
  const report = await applyPlan(actions, recorded, apply);
  if (report.gone.length > 0) {
    // A job found gone in this run: its other rows are settled now, as an ended execution may
    // never be visited again.
    const goneJobs = new Set(report.gone);
    const under = desired.steps.filter((step) => goneJobs.has(step.jobKey));
    await settleUnderGoneJobs(under, await deps.store.getRecords(key, [...goneJobs, ...under.map((step) => step.key)], signal), apply);
  }
  return { actions, report };
}
