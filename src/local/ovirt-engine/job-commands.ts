/**
 * Engine commands on jobs (AddExternalJob, EndExternalJob, ClearExternalJob) with the
 * engine's validation and side effects (docs/ovirt-engine-behaviour.md#add-job to #clear-job). Permission checks and
 * the generated input checks run earlier, in the handlers.
 */
import { ENGINE_MESSAGES, engineFailure } from './errors.js';
import { newId } from './ids.js';
import type { EndedStatus, JobRecord } from './records.js';
import type { EngineStore } from './store.js';

/** AddJobRequest is the checked input of an add. */
export interface AddJobRequest {
  description: string;
  autoCleared?: boolean | undefined;
  ownerId: string;
  correlationId: string;
}

/** isBlank is the engine's "not blank" rule: empty or whitespace only. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** addJob creates a started, external job; `auto_cleared` defaults to false (the REST layer's override). */
export function addJob(store: EngineStore, now: number, request: AddJobRequest): JobRecord {
  if (isBlank(request.description)) throw engineFailure([ENGINE_MESSAGES.addJobBlankDescription], false);
  const job: JobRecord = {
    id: newId(),
    description: request.description,
    status: 'started',
    autoCleared: request.autoCleared ?? false,
    external: true,
    startTime: now,
    lastUpdated: now,
    ownerId: request.ownerId,
    correlationId: request.correlationId,
  };
  store.insertJob(job);
  store.changed();
  return job;
}

/** externalJobOrFail finds the job an end/clear targets, with the end command's odd "Clear" wording. */
function externalJobOrFail(store: EngineStore, jobId: string): JobRecord {
  const job = store.job(jobId);
  if (job === undefined) throw engineFailure([ENGINE_MESSAGES.endJobNotFound], true);
  if (!job.external) throw engineFailure([ENGINE_MESSAGES.endJobNotExternal], true);
  return job;
}

/**
 * endJob ends a started job as finished/failed and closes its started steps with the job's
 * status and end time. An ended job keeps its status and times (a second end is a silent
 * success) but its still-started steps are closed with them. `force` only sets
 * auto_cleared: the later "abort remaining steps" phase finds nothing left to abort.
 */
export function endJob(store: EngineStore, now: number, jobId: string, succeeded: boolean, force: boolean): JobRecord {
  const job = externalJobOrFail(store, jobId);
  if (job.status === 'started') {
    job.status = succeeded ? 'finished' : 'failed';
    job.endTime = now;
    job.lastUpdated = now;
  }
  closeStartedSteps(store, job);
  if (force) job.autoCleared = true;
  store.changed();
  return job;
}

/** clearJob marks a job auto-cleared and changes nothing else. */
export function clearJob(store: EngineStore, jobId: string): JobRecord {
  const job = externalJobOrFail(store, jobId);
  job.autoCleared = true;
  store.changed();
  return job;
}

/** closeStartedSteps gives every still-started step of an ended job (any depth) the job's status and end time. */
export function closeStartedSteps(store: EngineStore, job: JobRecord): void {
  if (job.status === 'started') return;
  for (const step of store.startedSteps(job.id)) {
    step.status = job.status;
    step.endTime = job.endTime;
  }
}

/** failJob fails a started job at `now` (a step ended with succeeded=false) and closes its steps. */
export function failJob(store: EngineStore, now: number, job: JobRecord): void {
  if (job.status === 'started') {
    const failed: EndedStatus = 'failed';
    job.status = failed;
    job.endTime = now;
    job.lastUpdated = now;
  }
  closeStartedSteps(store, job);
}
