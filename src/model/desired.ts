/**
 * Desired oVirt objects for one execution, computed purely from the tree of state visits
 * (core/desired.ts) and compared with tracking rows by the planner (core/plan.ts).
 */
import type { StepType } from './ovirt.js';

/**
 * DesiredJob is one oVirt job: one per execution attempt (`run` = redrive count at which the
 * attempt started; 0 for the original run). `end` is null while the attempt runs.
 */
export interface DesiredJob {
  readonly key: string;
  readonly run: number;
  readonly description: string;
  readonly correlationId: string;
  readonly autoCleared: boolean;
  readonly end: 'finished' | 'failed' | null;
}

/**
 * DesiredStep is one oVirt step. `parentKey` is null for a direct step of the job.
 * `end` is 'finished' when the step must be ended individually; null means "leave it
 * started": either it is still running, or the job-end cascade gives it the right status
 * (docs/ovirt-engine-behaviour.md#job-end-cascade: ending a job closes every started step with the job's status). A step is
 * never ended with succeeded=false, because that fails the whole job (docs/ovirt-engine-behaviour.md#failing-a-step-fails-the-job).
 * Steps are listed parents first, in creation order.
 */
export interface DesiredStep {
  readonly key: string;
  readonly jobKey: string;
  readonly parentKey: string | null;
  readonly description: string;
  readonly type: StepType;
  readonly end: 'finished' | null;
}

/** DesiredState is everything one execution should look like in oVirt now. */
export interface DesiredState {
  readonly jobs: readonly DesiredJob[];
  readonly steps: readonly DesiredStep[];
}
