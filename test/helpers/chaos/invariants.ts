/**
 * ovirtViolations compares what the engine simulator holds for one finished execution with the
 * oracle (expectedTree), after the schedule converged:
 *
 * - exactly one job per execution run, found by its Correlation-Id — none for a run whose job
 *   an injected cleanup deleted (it must never be recreated), none for runs that do not exist;
 * - exactly one step per mirrored visit: the multiset of step paths (descriptions from the job
 *   down, with the step type) equals the oracle's;
 * - every job and step ended with the right status, checked as statuses (docs/ovirt-engine-behaviour.md#job-end-cascade: ending a
 *   job closes its started steps), with `unknown` where an injected engine restart put it;
 * - nothing left `started`; a run that succeeded never has a failed job (caught failures);
 *   each job carries its run's description (a redrive's says so).
 */
import { correlationId } from '../../../src/core/correlation-id.js';
import type { SimStepView, SimStateView } from '../../../src/local/ovirt-engine/index.js';
import type { Violation } from './figures.js';
import type { ExpectedRun, ExpectedStep } from './expected-tree.js';
import { PATH_SEPARATOR } from './expected-tree.js';

/** ExecutionFacts: what the schedule knows about injected cleanups and restarts for one execution. */
export interface ExecutionFacts {
  readonly executionArn: string;
  readonly cleanedJobs: ReadonlySet<string>;
  readonly startedAtRestart: ReadonlySet<string>;
}

/** ovirtViolations checks the engine state of one execution against `runs`. */
export function ovirtViolations(state: SimStateView, runs: readonly ExpectedRun[], facts: ExecutionFacts): Violation[] {
  const violations: Violation[] = [];
  const add = (kind: Violation['kind'], detail: string): void => void violations.push({ kind, executionArn: facts.executionArn, detail });
  for (const extraRun of [runs.length, runs.length + 1]) {
    const extra = state.findByCorrelationId(correlationId(facts.executionArn, extraRun)).length;
    if (extra > 0) add('duplicateJobs', `${extra} job(s) for run ${extraRun}, which does not exist`);
  }
  for (const run of runs) {
    const jobs = state.findByCorrelationId(run.correlationId);
    const cleaned = facts.cleanedJobs.has(run.correlationId);
    if (jobs.length > 1) add('duplicateJobs', `${jobs.length} jobs for run ${run.run.run}`);
    if (jobs.length > 0 && cleaned) add('duplicateJobs', `run ${run.run.run}: job recreated after the engine cleaned it up`);
    if (jobs.length === 0 && !cleaned) add('missingJobs', `no job for run ${run.run.run}`);
    const job = jobs[0];
    if (job === undefined || cleaned) continue;
    const jobUnknown = facts.startedAtRestart.has(job.id);
    const expectedJob = jobUnknown ? 'unknown' : (run.jobEnd ?? 'started');
    if (job.status === 'started') add('leftOpen', `job of run ${run.run.run} is still started`);
    else if (job.status !== expectedJob) add('wrongStatus', `job of run ${run.run.run} is ${job.status}, expected ${expectedJob}`);
    if (run.run.status === 'SUCCEEDED' && job.status === 'failed') add('caughtFailureFailedJob', `run ${run.run.run} succeeded but its job failed`);
    if (job.description !== run.description) add('wrongStatus', `job of run ${run.run.run} is described "${job.description}", expected "${run.description}"`);
    compareSteps(state.steps(job.id), run, { jobUnknown, jobEnd: run.jobEnd, startedAtRestart: facts.startedAtRestart }, add);
  }
  return violations;
}

interface StatusRules {
  readonly jobUnknown: boolean;
  readonly jobEnd: 'finished' | 'failed' | null;
  readonly startedAtRestart: ReadonlySet<string>;
}

function compareSteps(steps: readonly SimStepView[], run: ExpectedRun, rules: StatusRules, add: (kind: Violation['kind'], detail: string) => void): void {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const pathOf = (step: SimStepView, depth = 0): string => {
    const parent = step.parentStepId === undefined ? undefined : byId.get(step.parentStepId);
    return parent === undefined || depth > 50 ? step.description : `${pathOf(parent, depth + 1)}${PATH_SEPARATOR}${step.description}`;
  };
  const expected = new Map(run.steps.map((step) => [`${step.path} [${step.type}]`, step]));
  const seen = new Map<string, number>();
  for (const step of steps) {
    const id = `${pathOf(step)} [${step.type}]`;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    const want = expected.get(id);
    if (want === undefined) continue;
    const allowed = allowedStatuses(step, want, rules);
    if (step.status === 'started') add('leftOpen', `step "${id}" of run ${run.run.run} is still started`);
    else if (!allowed.includes(step.status)) add('wrongStatus', `step "${id}" of run ${run.run.run} is ${step.status}, expected ${allowed.join(' or ')}`);
  }
  for (const [id, count] of seen) {
    if (!expected.has(id)) add('duplicateSteps', `step "${id}" of run ${run.run.run} should not exist (${count}×)`);
    else if (count > 1) add('duplicateSteps', `step "${id}" of run ${run.run.run} exists ${count}×`);
  }
  for (const id of expected.keys()) if (!seen.has(id)) add('missingSteps', `step "${id}" of run ${run.run.run} is missing`);
}

/** allowedStatuses: finished when ended on purpose, the job's status by cascade, unknown after a restart. */
function allowedStatuses(step: SimStepView, want: ExpectedStep, rules: StatusRules): string[] {
  // A job made `unknown` by a restart keeps that status when ended, and closes its started steps with it.
  if (rules.startedAtRestart.has(step.id) || rules.jobUnknown) return want.end === 'finished' ? ['unknown', 'finished'] : ['unknown'];
  if (want.end === 'finished') return ['finished'];
  return [rules.jobEnd ?? 'started'];
}
