/**
 * runOvirtJobModule behaves like one run of the `ovirt_job` Ansible module
 * (oVirt/ovirt-ansible-collection, plugins/modules/ovirt_job.py), re-expressed from reading it:
 * it keeps no state, so before each change it lists every job of the engine and picks the
 * first one with the same description that is not finished; then, for each step it is given,
 * it lists every step of that job and picks one by description the same way:
 *
 * | Asked for          | Found              | Calls                                   |
 * | ------------------ | ------------------ | --------------------------------------- |
 * | job present        | none / ended       | list jobs, add job                      |
 * | step present       | none               | (list jobs), list steps, add step       |
 * | step finished      | a started one      | (list jobs), list steps, end step       |
 * | job finished/failed| a started one      | list jobs, end job (the engine closes its steps) |
 *
 * Steps are flat (the module has no parent step), so descriptions must be unique in the job.
 */
import type { BaselineApi, BaselineEntity } from './baseline-api.js';

/** ModuleState is the `state` option, reduced to the values the baseline uses. */
export type ModuleState = 'present' | 'finished' | 'failed';

/** ModuleParams are the module's options: the job's description and state, and its steps. */
export interface ModuleParams {
  readonly description: string;
  readonly state: ModuleState;
  readonly steps?: ReadonlyArray<{ readonly description: string; readonly state: ModuleState }>;
}

const ENDED = new Set(['finished', 'failed']);

/** firstNotFinished is the module's lookup: same description, status other than finished. */
function firstNotFinished(entities: readonly BaselineEntity[], description: string): BaselineEntity | undefined {
  return entities.find((entity) => entity.description === description && entity.status !== 'finished');
}

/** runOvirtJobModule runs the module once with `params`. */
export async function runOvirtJobModule(api: BaselineApi, params: ModuleParams): Promise<void> {
  let job = firstNotFinished(await api.listJobs(), params.description);
  if (params.state === 'present') {
    if (job === undefined || ENDED.has(job.status)) job = await api.addJob(params.description);
    await attachSteps(api, job.id, params.steps ?? []);
  }
  if (job === undefined || ENDED.has(job.status) || params.state === 'present') return;
  await api.endJob(job.id, params.state === 'finished');
}

async function attachSteps(api: BaselineApi, jobId: string, steps: NonNullable<ModuleParams['steps']>): Promise<void> {
  for (const step of steps) {
    const entity = firstNotFinished(await api.listSteps(jobId), step.description);
    if (step.state === 'present' && entity === undefined) await api.addStep(jobId, step.description);
    if (entity === undefined || ENDED.has(entity.status) || step.state === 'present') continue;
    await api.endStep(jobId, entity.id, step.state === 'finished');
  }
}
