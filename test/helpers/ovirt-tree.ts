/**
 * renderOvirtTree reads the engine simulator's jobs and steps (external jobs only) and
 * renders them as indented lines — `[status] description` — so tests can compare the whole
 * oVirt tree with the mapping rules at a glance.
 */
import type { OvirtEngineSimulator } from '../../src/local/ovirt-engine/index.js';
import type { OvirtStep } from '../../src/model/ovirt.js';
import type { FakeOvirt } from './in-memory-ports.js';

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

/**
 * renderFakeOvirt renders the in-memory FakeOvirt's jobs the same way, in creation order or, with
 * `order: 'description'`, jobs and sibling steps by description (for trees built in any order).
 * A step still started under an ended job shows the job's status: the engine ends a job's open
 * steps with it, the fake does not.
 */
export function renderFakeOvirt(ovirt: Pick<FakeOvirt, 'jobs' | 'steps'>, order: 'created' | 'description' = 'created'): string[] {
  const ordered = <T extends { description: string }>(items: T[]): T[] =>
    order === 'description' ? items.sort((a, b) => a.description.localeCompare(b.description)) : items;
  const lines: string[] = [];
  for (const job of ordered([...ovirt.jobs.values()])) {
    lines.push(`[${job.status}] ${job.description}`);
    const steps = [...ovirt.steps.values()].filter((step) => step.jobId === job.id);
    const walk = (parent: string | undefined, depth: number): void => {
      for (const step of ordered(steps.filter((s) => s.parentStepId === parent))) {
        const status = step.status === 'started' && job.status !== 'started' ? job.status : step.status;
        lines.push(`${'  '.repeat(depth)}[${status}] ${step.description}`);
        walk(step.id, depth + 1);
      }
    };
    walk(undefined, 1);
  }
  return lines;
}
