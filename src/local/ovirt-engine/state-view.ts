/**
 * Read-only views of the engine state: the `SimStateView` tests use (copies of the records,
 * correlation ids included) and the snapshot the task-monitor page polls (jobs newest
 * first, steps as a tree in `number` order).
 */
import type { JobRecord, StepRecord } from './records.js';
import type { EngineStore } from './store.js';
import type { SimJobView, SimStateView, SimStepView } from './types.js';

/** jobView copies a job record into its public view. */
export function jobView(job: JobRecord): SimJobView {
  return { ...job };
}

/** stepView copies a step record into its public view. */
export function stepView(step: StepRecord): SimStepView {
  return { ...step };
}

/** createStateView builds the `state` helper of the programmatic API. */
export function createStateView(store: EngineStore): SimStateView {
  return {
    jobs: () => store.jobs().map(jobView),
    steps: (jobId) => store.stepsOfJob(jobId.toLowerCase()).map(stepView),
    job: (id) => {
      const job = store.job(id.toLowerCase());
      return job === undefined ? undefined : jobView(job);
    },
    findByCorrelationId: (correlationId) => store.jobs().filter((job) => job.correlationId === correlationId).map(jobView),
  };
}

/** PageStep is one step of the monitor page's tree. */
export interface PageStep {
  id: string;
  description: string;
  type: string;
  status: string;
  number: number;
  external: boolean;
  startTime: number;
  endTime?: number | undefined;
  children: PageStep[];
}

/** PageJob is one job of the monitor page. */
export interface PageJob {
  id: string;
  description: string;
  status: string;
  external: boolean;
  autoCleared: boolean;
  startTime: number;
  endTime?: number | undefined;
  lastUpdated: number;
  steps: PageStep[];
}

/** PageState is what `GET /__sim/state` returns. */
export interface PageState {
  now: number;
  jobs: PageJob[];
}

/** pageState builds the monitor page's snapshot at `now`. */
export function pageState(store: EngineStore, now: number): PageState {
  const jobs = store.jobs().reverse().map((job): PageJob => ({
    id: job.id, description: job.description, status: job.status, external: job.external, autoCleared: job.autoCleared,
    startTime: job.startTime, endTime: job.endTime, lastUpdated: job.lastUpdated, steps: stepTree(store.stepsOfJob(job.id)),
  }));
  return { now, jobs };
}

/** @internal Nests sub-steps under their parents, siblings by number. */
function stepTree(steps: readonly StepRecord[]): PageStep[] {
  const nodes = new Map<string, PageStep>();
  for (const step of steps) {
    nodes.set(step.id, {
      id: step.id, description: step.description, type: step.type, status: step.status, number: step.number,
      external: step.external, startTime: step.startTime, endTime: step.endTime, children: [],
    });
  }
  const roots: PageStep[] = [];
  for (const step of steps) {
    const node = nodes.get(step.id);
    if (node === undefined) continue;
    const parent = step.parentStepId === undefined ? undefined : nodes.get(step.parentStepId);
    (parent?.children ?? roots).push(node);
  }
  const sort = (list: PageStep[]): void => {
    list.sort((a, b) => a.number - b.number || a.startTime - b.startTime);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}
