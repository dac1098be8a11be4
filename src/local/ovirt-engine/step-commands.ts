/**
 * Engine commands on steps (AddExternalStep, EndExternalStep), docs/ovirt-engine-behaviour.md#add-step and #end-step:
 * the parent id is tried as a job id and then as a step id, the URL job id is ignored when
 * `parent_step` is given, numbers count existing siblings, and ending a step with
 * succeeded=false fails the whole job.
 */
import type { StepType } from '../../model/ovirt.js';
import { ENGINE_MESSAGES, engineFailure } from './errors.js';
import { newId } from './ids.js';
import { failJob, isBlank } from './job-commands.js';
import type { JobRecord, StepRecord } from './records.js';
import type { EngineStore } from './store.js';

/** AddStepRequest is the checked input of a step add; `targetId` is parent_step.id or the URL job id. */
export interface AddStepRequest {
  targetId: string;
  description: string;
  type: StepType;
}

/** @internal Where a new step goes: a job (direct step) or a parent step. */
interface Placement {
  job?: JobRecord | undefined;
  jobId: string;
  parent?: StepRecord | undefined;
  correlationId: string;
}

/** @internal Resolves the target as a job first, then as a step; collects the engine's messages. */
function resolvePlacement(store: EngineStore, targetId: string, messages: string[]): Placement | undefined {
  const job = store.job(targetId);
  if (job !== undefined) {
    if (!job.external) messages.push(ENGINE_MESSAGES.addStepNotExternal);
    return { job, jobId: job.id, correlationId: job.correlationId };
  }
  const parent = store.step(targetId);
  if (parent !== undefined) {
    return { job: store.job(parent.jobId), jobId: parent.jobId, parent, correlationId: parent.correlationId };
  }
  messages.push(ENGINE_MESSAGES.addStepNoParent);
  return undefined;
}

/** addStep adds a started external step (or sub-step); the job's status is not checked or changed. */
export function addStep(store: EngineStore, now: number, request: AddStepRequest): StepRecord {
  const messages: string[] = [];
  const placement = resolvePlacement(store, request.targetId, messages);
  if (isBlank(request.description)) messages.push(ENGINE_MESSAGES.addStepBlankDescription);
  if (placement === undefined || messages.length > 0) throw engineFailure(messages, false);
  const step: StepRecord = {
    id: newId(),
    jobId: placement.jobId,
    parentStepId: placement.parent?.id,
    description: request.description,
    type: request.type,
    number: store.countSiblings(placement.jobId, placement.parent?.id),
    status: 'started',
    external: true,
    startTime: now,
    correlationId: placement.correlationId,
  };
  store.insertStep(step);
  if (placement.job !== undefined) placement.job.lastUpdated = now;
  store.changed();
  return step;
}

/**
 * endStep ends a step unconditionally (a second end overwrites status and end time), moves
 * the job's last_updated, and with succeeded=false fails the job and all its started steps.
 * The job is never ended because all its steps are.
 */
export function endStep(store: EngineStore, now: number, stepId: string, succeeded: boolean): StepRecord {
  const step = store.step(stepId);
  if (step === undefined) throw engineFailure([ENGINE_MESSAGES.endStepNotFound], true);
  if (!step.external) throw engineFailure([ENGINE_MESSAGES.endStepNotExternal], true);
  const job = store.job(step.jobId);
  if (job === undefined) throw engineFailure([ENGINE_MESSAGES.endStepJobMissing], true);
  step.status = succeeded ? 'finished' : 'failed';
  step.endTime = now;
  job.lastUpdated = now;
  if (!succeeded) failJob(store, now, job);
  store.changed();
  return step;
}
