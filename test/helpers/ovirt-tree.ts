/**
 * renderOvirtTree reads the engine simulator's jobs and steps (external jobs only) and
 * renders them as indented lines — `[status] description` — so tests can compare the whole
 * oVirt tree with the mapping rules at a glance.
 */
import type { OvirtEngineSimulator } from '../../src/local/ovirt-engine/index.js';
import type { OvirtStep } from '../../src/model/ovirt.js';

/** renderJob renders one job and its steps (children in `number` order). */
export function renderJob(engine: OvirtEngineSimulator, jobId: string): string[] {
  const job = engine.state.job(jobId);
  if (job === undefined) return [];
  const steps = engine.state.steps(jobId);
  const childrenOf = (parent: string | undefined): OvirtStep[] =>
    steps.filter((s) => s.parentStepId === parent).sort((a, b) => a.number - b.number || (a.startTime ?? 0) - (b.startTime ?? 0));
  const lines = [`[${job.status}] ${job.description}`];
  const walk = (parent: string | undefined, depth: number): void => {
    for (const step of childrenOf(parent)) {
      lines.push(`${'  '.repeat(depth)}[${step.status}] ${step.description}`);
      walk(step.id, depth + 1);
    }
  };
  walk(undefined, 1);
  return lines;
}

/** renderExternalJobs renders every external job, oldest first. */
export function renderExternalJobs(engine: OvirtEngineSimulator): string[][] {
  return engine.state
    .jobs()
    .filter((job) => job.external)
    .map((job) => renderJob(engine, job.id));
}
