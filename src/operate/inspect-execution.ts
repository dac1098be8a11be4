/**
 * inspectExecution gathers the StatusReport of one execution: DescribeExecution, the meta row
 * and every object row, the oVirt jobs and steps those rows name (and, for a PENDING job row,
 * what a search by its Correlation-Id finds), and the desired objects from a dry-run round over
 * the whole history. It only reads.
 */
import { isTerminalReconcileError } from '../errors.js';
import { TERMINAL_STATUSES } from '../model/execution.js';
import type { ExecutionDescription } from '../model/execution.js';
import type { OvirtStep } from '../model/ovirt.js';
import { isLeaseLapsed } from '../model/tracking.js';
import type { TrackingRecord } from '../model/tracking.js';
import type { ExecutionMeta } from '../ports.js';
import type { ReconcileDeps } from '../reconcile/deps.js';
import { retentionEndsAt } from '../reconcile/deps.js';
import type { RoundResult } from '../reconcile/round.js';
import { planNow } from './plan-now.js';
import type { Difference, JobView, LeaseView, MetaView, RowView, StatusReport, StepView } from './status-report.js';

/** inspectExecution reads everything about `executionArn`; `known` is a description already read (name lookup). */
export async function inspectExecution(
  executionArn: string,
  deps: ReconcileDeps,
  known?: ExecutionDescription,
  signal?: AbortSignal,
): Promise<StatusReport> {
  const [meta, stored] = await Promise.all([deps.store.getMeta(executionArn, signal), deps.store.listRecords(executionArn, signal)]);
  // Keys in reading order (step#0#v2 before step#0#v10), not the table's byte order.
  const rows = [...stored].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  const round = await wholeRound(executionArn, meta, deps, known, signal);
  const description = round?.description;
  const jobs = await ovirtJobs(rows, deps, signal);
  const now = deps.now();
  const report: Omit<StatusReport, 'differences'> = {
    executionArn,
    stepFunctions: description === undefined ? null : stepFunctionsView(description, round?.cursor ?? 0),
    table: { meta: meta === undefined ? null : metaView(meta, now), rows: rows.map((row) => rowView(row, now)) },
    ovirt: { jobs },
    plan: round?.actions ?? [],
  };
  return { ...report, differences: differencesOf(report, rows, round, meta, deps) };
}

/** wholeRound is the dry-run round over the whole history, or undefined when Step Functions no longer knows the execution. */
async function wholeRound(
  executionArn: string,
  meta: ExecutionMeta | undefined,
  deps: ReconcileDeps,
  known: ExecutionDescription | undefined,
  signal?: AbortSignal,
): Promise<RoundResult | undefined> {
  try {
    const planned = await planNow(executionArn, meta, deps, 'start', signal);
    return planned.kind === 'planned' ? planned.round : undefined;
  } catch (error) {
    if (isTerminalReconcileError(error) && known === undefined) return undefined;
    throw error;
  }
}

/** ovirtJobs reads the job of every job row that has an oVirt id, with its steps; a PENDING job row is searched by Correlation-Id. */
async function ovirtJobs(rows: readonly TrackingRecord[], deps: ReconcileDeps, signal?: AbortSignal): Promise<JobView[]> {
  const stepKeys = new Map(rows.flatMap((row) => (row.ovirtId !== undefined && row.key.startsWith('step#') ? [[row.ovirtId, row.key] as const] : [])));
  const views: JobView[] = [];
  for (const row of rows.filter((candidate) => candidate.key.startsWith('job#'))) {
    if (row.ovirtId !== undefined) {
      const job = await deps.ovirt.getJob(row.ovirtId, signal);
      const steps = job === null ? [] : await deps.ovirt.listSteps(job.id, signal);
      views.push({ key: row.key, id: row.ovirtId, found: job !== null, description: job?.description, status: job?.status, steps: stepViews(steps, stepKeys) });
    } else if (row.state === 'PENDING' && row.correlationId !== undefined) {
      for (const job of await deps.ovirt.findJobsByCorrelationId(row.correlationId, signal)) {
        const steps = await deps.ovirt.listSteps(job.id, signal);
        views.push({ key: row.key, id: job.id, found: true, description: job.description, status: job.status, steps: stepViews(steps, stepKeys) });
      }
    }
  }
  return views;
}

function stepViews(steps: readonly OvirtStep[], keys: ReadonlyMap<string, string>): StepView[] {
  return steps.map((step) => ({ id: step.id, description: step.description, status: step.status, parentStepId: step.parentStepId, key: keys.get(step.id) ?? null }));
}

function differencesOf(
  report: Omit<StatusReport, 'differences'>,
  rows: readonly TrackingRecord[],
  round: RoundResult | undefined,
  meta: ExecutionMeta | undefined,
  deps: ReconcileDeps,
): Difference[] {
  const sfn = report.stepFunctions;
  if (sfn === null) {
    return [{ kind: 'unknown-to-step-functions', message: 'Step Functions does not know this execution (deleted state machine, or past its 90-day history). Its rows expire; end its oVirt job by hand if it is still open.' }];
  }
  if (meta === undefined && rows.length === 0) return [notMirrored(round?.description, deps)];
  const differences: Difference[] = [];
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const ended = TERMINAL_STATUSES.has(sfn.status);
  const autoCleared = new Map(round?.desired.jobs.map((job) => [job.key, job.autoCleared]) ?? []);
  const startedAfterEnd = new Set<string>();
  for (const job of report.ovirt.jobs) {
    const row = byKey.get(job.key);
    if (row?.state === 'GONE') continue;
    if (!job.found) {
      const cleared = row?.state === 'ENDED' && (autoCleared.get(job.key) ?? deps.mapping.autoCleared);
      if (!cleared) differences.push({ kind: 'missing-in-ovirt', key: job.key, message: `The table says job ${job.id} exists (${row?.state ?? '?'}), but oVirt does not have it. The next sync marks it GONE; it is never created again.` });
      continue;
    }
    if (ended && job.status === 'started') {
      startedAfterEnd.add(job.key);
      differences.push({ kind: 'job-started-after-end', key: job.key, message: `The execution ended ${sfn.status}, but oVirt job ${job.id} is still started. Run \`resync\` to end it.` });
    }
    const ids = new Set(job.steps.map((step) => step.id));
    for (const step of job.steps.filter((candidate) => candidate.key === null)) {
      differences.push({ kind: 'ovirt-step-without-row', message: `oVirt step ${step.id} "${step.description}" of job ${job.id} has no row (created by someone else, or its row was lost).` });
    }
    if (row?.state === 'PENDING') continue;
    for (const stepRow of rows.filter((candidate) => candidate.key.startsWith('step#') && jobKeyOf(candidate.key) === job.key && candidate.state !== 'GONE' && candidate.ovirtId !== undefined && !ids.has(candidate.ovirtId))) {
      differences.push({ kind: 'missing-in-ovirt', key: stepRow.key, message: `The table says step ${stepRow.ovirtId ?? ''} exists (${stepRow.state}), but job ${job.id} in oVirt does not have it.` });
    }
  }
  for (const row of rows.filter((candidate) => candidate.state === 'PENDING')) differences.push(pendingDifference(row, report.ovirt.jobs, deps.now()));
  differences.push(...desiredWithoutRow(round, byKey));
  for (const action of round?.actions ?? []) {
    if ((action.kind === 'endStep' || action.kind === 'endJob') && byKey.get(action.key)?.state === 'CREATED' && !startedAfterEnd.has(action.key)) {
      differences.push({ kind: 'not-ended', key: action.key, message: `Step Functions says ${action.key} is over, but it is not ended yet: the next sync ends it.` });
    }
  }
  if (meta?.failure !== undefined) {
    const next = meta.failure.nextAttemptAt === null ? 'it left the sweep' : `the sweep tries again at ${iso(meta.failure.nextAttemptAt)}`;
    differences.push({ kind: 'sync-failing', message: `The last ${meta.failure.failures} sync(s) failed: ${meta.failure.errorName}: ${meta.failure.errorMessage} (${next}).` });
  }
  return differences;
}

function notMirrored(description: ExecutionDescription | undefined, deps: ReconcileDeps): Difference {
  const old = description?.stopDate !== undefined && retentionEndsAt(description.stopDate, deps) < deps.now();
  const why = old
    ? 'It ended before the tracking retention window, so the functions leave it alone on purpose; `backfill` mirrors it when asked.'
    : 'No event reached the product for it (an outage, or its state machine joined the allow-list later). `resync` mirrors it now.';
  return { kind: 'not-mirrored', message: `The tracking table has no row for this execution. ${why}` };
}

function pendingDifference(row: TrackingRecord, jobs: readonly JobView[], now: number): Difference {
  const claim = row.leaseExpiresAt === undefined ? 'with no claim' : isLeaseLapsed(row, now) ? `whose claim lapsed at ${iso(row.leaseExpiresAt)}` : `claimed by ${row.leaseOwner ?? '?'} until ${iso(row.leaseExpiresAt)}`;
  const error = row.lastError === undefined ? '' : ` Its last attempt failed: ${row.lastErrorName ?? 'Error'}: ${row.lastError}.`;
  const found = pendingFound(row, jobs);
  const next = isLeaseLapsed(row, now) ? 'the next sync (or `resync`) resolves it' : 'once the claim lapses, the next sync resolves it';
  return { kind: 'pending-row', key: row.key, message: `Row is PENDING ${claim}: ${found}; ${next} without creating it twice.${error}` };
}

/** pendingFound says whether oVirt already has the object of a PENDING row (an add whose answer was lost). */
function pendingFound(row: TrackingRecord, jobs: readonly JobView[]): string {
  if (row.key.startsWith('job#')) {
    const found = jobs.filter((job) => job.key === row.key && job.found);
    return found.length > 0 ? `oVirt has it (job ${found.map((job) => job.id).join(', ')}, found by its Correlation-Id)` : 'oVirt has no job with its Correlation-Id';
  }
  const job = jobs.find((candidate) => candidate.key === jobKeyOf(row.key) && candidate.found);
  if (job === undefined) return 'its job is not in oVirt yet';
  const step = job.steps.find((candidate) => candidate.key === null && candidate.description === row.description);
  return step === undefined ? `oVirt has no step "${row.description ?? ''}" in job ${job.id}` : `oVirt has it (step ${step.id})`;
}

/** desiredWithoutRow: the objects the whole history asks for that no row records (none under a GONE job or step: never recreated). */
function desiredWithoutRow(round: RoundResult | undefined, rows: ReadonlyMap<string, TrackingRecord>): Difference[] {
  if (round === undefined) return [];
  const gone = (key: string | null): boolean => key !== null && rows.get(key)?.state === 'GONE';
  const parents = new Map(round.desired.steps.map((step) => [step.key, step.parentKey]));
  const underGone = (key: string | null, jobKey: string): boolean => {
    for (let at = key; at !== null && at !== undefined; at = parents.get(at) ?? null) if (gone(at)) return true;
    return gone(jobKey);
  };
  const missing: Difference[] = [];
  for (const job of round.desired.jobs) {
    if (!rows.has(job.key)) missing.push({ kind: 'desired-without-row', key: job.key, message: `Step Functions says there should be job "${job.description}", but no row records it: the next sync creates it.` });
  }
  for (const step of round.desired.steps) {
    if (!rows.has(step.key) && rows.has(step.jobKey) && !underGone(step.parentKey, step.jobKey)) {
      missing.push({ kind: 'desired-without-row', key: step.key, message: `Step Functions says there should be step "${step.description}", but no row records it: the next sync creates it.` });
    }
  }
  return missing;
}

function jobKeyOf(key: string): string {
  return `job#${key.split('#')[1] ?? ''}`;
}

function stepFunctionsView(description: ExecutionDescription, historyLength: number) {
  return {
    name: description.name,
    stateMachineArn: description.stateMachineArn,
    status: description.status,
    redriveCount: description.redriveCount,
    startDate: iso(description.startDate),
    stopDate: description.stopDate === undefined ? undefined : iso(description.stopDate),
    historyLength,
  };
}

function metaView(meta: ExecutionMeta, now: number): MetaView {
  const failure = meta.failure;
  return {
    cursor: meta.cursor,
    status: meta.status,
    redriveCount: meta.redriveCount,
    open: meta.open,
    requests: meta.requests,
    lease: leaseView(meta.leaseOwner, meta.leaseExpiresAt, now),
    lastSyncedAt: meta.lastSyncedAt === undefined ? undefined : iso(meta.lastSyncedAt),
    failure:
      failure === undefined
        ? undefined
        : {
            failures: failure.failures,
            error: `${failure.errorName}: ${failure.errorMessage}`,
            failedAt: iso(failure.failedAt),
            nextAttemptAt: failure.nextAttemptAt === null ? null : iso(failure.nextAttemptAt),
          },
  };
}

function rowView(row: TrackingRecord, now: number): RowView {
  return {
    key: row.key,
    state: row.state,
    ovirtId: row.ovirtId,
    description: row.description,
    endedAs: row.endedAs,
    claim: row.state === 'PENDING' ? (leaseView(row.leaseOwner, row.leaseExpiresAt, now) ?? undefined) : undefined,
    lastError: row.lastError === undefined ? undefined : `${row.lastErrorName ?? 'Error'}: ${row.lastError}`,
  };
}

function leaseView(owner: string | undefined, expiresAt: number | undefined, now: number): LeaseView | null {
  if (owner === undefined || expiresAt === undefined) return null;
  return { owner, expiresAt: iso(expiresAt), lapsed: expiresAt <= now };
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
