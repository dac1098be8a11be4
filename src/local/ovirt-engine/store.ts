/**
 * EngineStore is the simulated engine database: jobs and steps keyed by id, with the queries
 * the engine runs (jobs by start time, steps of a job in storage order, children of a step)
 * and a change hook used for the state file. Engine rules live in the command modules.
 */
import type { JobRecord, StepRecord } from './records.js';

/** EngineStore holds every job and step of the simulated engine. */
export class EngineStore {
  private readonly jobsById = new Map<string, JobRecord>();
  private readonly stepsById = new Map<string, StepRecord>();
  /** Step ids per job id, so per-job queries do not scan every step. */
  private readonly stepIdsByJob = new Map<string, Set<string>>();
  private readonly listeners: Array<() => void> = [];

  /** onChange registers a callback run after every committed change. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** changed tells listeners that a command has finished changing records. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  job(id: string): JobRecord | undefined {
    return this.jobsById.get(id);
  }

  step(id: string): StepRecord | undefined {
    return this.stepsById.get(id);
  }

  insertJob(job: JobRecord): void {
    this.jobsById.set(job.id, job);
  }

  insertStep(step: StepRecord): void {
    this.stepsById.set(step.id, step);
    const ids = this.stepIdsByJob.get(step.jobId) ?? new Set<string>();
    ids.add(step.id);
    this.stepIdsByJob.set(step.jobId, ids);
  }

  /** deleteJob removes a job and, like the `on delete cascade` foreign key, all its steps. */
  deleteJob(id: string): void {
    this.jobsById.delete(id);
    for (const stepId of this.stepIdsByJob.get(id) ?? []) this.stepsById.delete(stepId);
    this.stepIdsByJob.delete(id);
  }

  /** @internal The steps of one job, unordered. */
  private jobSteps(jobId: string): StepRecord[] {
    const steps: StepRecord[] = [];
    for (const stepId of this.stepIdsByJob.get(jobId) ?? []) {
      const step = this.stepsById.get(stepId);
      if (step !== undefined) steps.push(step);
    }
    return steps;
  }

  /** jobs lists every job by start time ascending, the search engine's default sort. */
  jobs(): JobRecord[] {
    return [...this.jobsById.values()].sort((a, b) => a.startTime - b.startTime);
  }

  /**
   * stepsOfJob lists all steps of a job in the storage query's order: direct steps by
   * number, then sub-steps grouped by their parent's UUID and ordered by number.
   */
  stepsOfJob(jobId: string): StepRecord[] {
    return this.jobSteps(jobId).sort(
      (a, b) =>
        compareGroup(a.parentStepId, b.parentStepId) || a.number - b.number || a.startTime - b.startTime,
    );
  }

  /** countSiblings counts the direct steps of a job, or the children of a step. */
  countSiblings(jobId: string, parentStepId: string | undefined): number {
    return this.jobSteps(jobId).filter((step) => step.parentStepId === parentStepId).length;
  }

  /** startedSteps lists the still-started steps of a job, at every depth. */
  startedSteps(jobId: string): StepRecord[] {
    return this.jobSteps(jobId).filter((step) => step.status === 'started');
  }

  allSteps(): StepRecord[] {
    return [...this.stepsById.values()];
  }

  /** clear empties the database (used when loading a state file). */
  clear(): void {
    this.jobsById.clear();
    this.stepsById.clear();
    this.stepIdsByJob.clear();
  }
}

/** @internal Direct steps (no parent) sort before sub-step groups, groups by parent UUID. */
function compareGroup(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}
