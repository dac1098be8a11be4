/**
 * plan compares the desired oVirt objects with the tracking rows and returns the actions that
 * close the gap, in an order src/apply can run one by one. Empty when converged.
 *
 * Per job, in run order:
 *
 * ```text
 * createJob?  →  createStep… (parents first)  →  endStep…  →  endJob?
 * ```
 *
 * | Row of the object | Job                                   | Step                               |
 * | ----------------- | ------------------------------------- | ---------------------------------- |
 * | none / PENDING    | create (src/apply resolves a takeover) | create, if its parent exists or is created here |
 * | CREATED           | end, if desired ended                 | end, if desired 'finished'         |
 * | ENDED             | nothing more for the job or its steps | nothing                            |
 * | GONE              | nothing more for the job or its steps | nothing, nor for its sub-steps     |
 *
 * Engine minimum: when this plan ends the job `finished`, the job end closes its started steps
 * as finished anyway (docs/ovirt-engine-behaviour.md#job-end-cascade), so their individual ends are left out. When the job ends
 * `failed`, finished steps are ended one by one first, or the cascade would mark them failed.
 * The same holds for a job in `hints.jobsKnownToFinish` (its run already SUCCEEDED, but the
 * history read so far does not reach the end yet): a later plan's job end closes those steps.
 */
import type { Action, CreateStep, EndStep } from '../model/action.js';
import type { DesiredJob, DesiredState, DesiredStep } from '../model/desired.js';
import type { TrackingRecord } from '../model/tracking.js';

/** PlanHints is what the caller knows beyond the desired state (pure data). */
export interface PlanHints {
  /** Keys of jobs whose run is known to end SUCCEEDED: their steps are left to the job-end cascade. */
  readonly jobsKnownToFinish?: ReadonlySet<string>;
}

/**
 * plan returns the ordered actions that make oVirt match `desired`. Pure; `_now` is accepted
 * for the planner's contract but unused: PENDING rows are always planned as creates and
 * src/apply decides from the lease whether it may take them over.
 */
export function plan(desired: DesiredState, recorded: ReadonlyMap<string, TrackingRecord>, _now: number, hints: PlanHints = {}): Action[] {
  const stepsByJob = new Map<string, DesiredStep[]>();
  for (const step of desired.steps) {
    const list = stepsByJob.get(step.jobKey);
    if (list === undefined) stepsByJob.set(step.jobKey, [step]);
    else list.push(step);
  }
  const finishing = hints.jobsKnownToFinish ?? new Set<string>();
  return desired.jobs.flatMap((job) => planJob(job, stepsByJob.get(job.key) ?? [], recorded, finishing.has(job.key)));
}

function planJob(job: DesiredJob, steps: readonly DesiredStep[], recorded: ReadonlyMap<string, TrackingRecord>, knownToFinish: boolean): Action[] {
  const row = recorded.get(job.key);
  if (row?.state === 'GONE' || row?.state === 'ENDED') return [];
  const actions: Action[] = [];
  if (row === undefined || row.state === 'PENDING') {
    actions.push({
      kind: 'createJob',
      key: job.key,
      description: job.description,
      correlationId: job.correlationId,
      autoCleared: job.autoCleared,
    });
  }
  const cascadeFinishes = job.end === 'finished' || (job.end === null && knownToFinish);
  const { creates, ends } = planSteps(steps, recorded, cascadeFinishes);
  actions.push(...creates, ...ends);
  if (job.end !== null) actions.push({ kind: 'endJob', key: job.key, succeeded: job.end === 'finished' });
  return actions;
}

function planSteps(
  steps: readonly DesiredStep[],
  recorded: ReadonlyMap<string, TrackingRecord>,
  cascadeFinishes: boolean,
): { creates: CreateStep[]; ends: EndStep[] } {
  const present = new Set<string>();
  const creates: CreateStep[] = [];
  const ends: EndStep[] = [];
  for (const step of steps) {
    const state = recorded.get(step.key)?.state;
    if (state === 'GONE' || (step.parentKey !== null && !present.has(step.parentKey))) continue;
    present.add(step.key);
    if (state === undefined || state === 'PENDING') {
      const { key, jobKey, parentKey, description, type } = step;
      creates.push({ kind: 'createStep', key, jobKey, parentKey, description, type });
    }
    if (state !== 'ENDED' && step.end === 'finished' && !cascadeFinishes) {
      ends.push({ kind: 'endStep', key: step.key, jobKey: step.jobKey });
    }
  }
  return { creates, ends };
}
