/**
 * baselineVariants works out (without driving them) two heavier but common ways of using the
 * `ovirt_job` module, to put the measured ratio in context:
 *
 * | Variant                  | Module runs per execution                                        |
 * | ------------------------ | ---------------------------------------------------------------- |
 * | per transition           | a run when each state is entered (step present) and one when it   |
 * |                          | exits (step finished, no reliance on the job-end cascade), plus   |
 * |                          | job present and job finished; one ovirt_auth login per execution  |
 * | per transition, logins   | the same, every run logging in and out with ovirt_auth (+2 calls) |
 */
import type { MappingConfig } from '../../src/model/mapping.js';
import { desiredAt } from '../measure/minimum.js';
import type { BaselineExecution } from './drive-baseline.js';

/** BaselineVariants: HTTP calls of each variant over all executions. */
export interface BaselineVariants {
  readonly perTransition: number;
  readonly perTransitionWithLogins: number;
}

/** baselineVariants counts the calls of both variants from each execution's final desired state. */
export function baselineVariants(executions: readonly BaselineExecution[], mapping: MappingConfig): BaselineVariants {
  let perTransition = 0;
  let runs = 0;
  for (const { recording } of executions) {
    const desired = desiredAt(recording, recording.events.length, mapping);
    const steps = desired.steps.length;
    const ends = desired.steps.filter((step) => step.end === 'finished').length;
    const jobEnds = desired.jobs.filter((job) => job.end !== null).length;
    // list jobs + add job; (list jobs + list steps + write) per step change; list jobs + end job; one login.
    perTransition += 2 * desired.jobs.length + 3 * (steps + ends) + 2 * jobEnds + 1;
    runs += desired.jobs.length + steps + ends + jobEnds;
  }
  return { perTransition, perTransitionWithLogins: perTransition - executions.length + 2 * runs };
}
