/**
 * readOvirtTree reads what the task monitor shows, through the engine's REST API (the same
 * client the handlers use): the external jobs, each with its steps nested by parent and
 * ordered by the engine's `number`. It works the same against the simulator and a real engine.
 */
import { isOvirtNotFoundError } from '../../errors.js';
import type { OvirtJob, OvirtStep } from '../../model/ovirt.js';
import type { OvirtClient } from '../../adapters/ovirt/index.js';
import type { ObservedJob, ObservedStep } from './tree-model.js';

/**
 * readOvirtTree returns the external jobs `include` accepts, oldest first, with their steps.
 * A job the engine cleans up while it is being read is left out.
 */
export async function readOvirtTree(
  client: Pick<OvirtClient, 'listJobs' | 'listSteps'>,
  include: (job: OvirtJob) => boolean = () => true,
  signal?: AbortSignal,
): Promise<ObservedJob[]> {
  const jobs = (await client.listJobs(signal)).filter((job) => job.external && include(job));
  const read = await Promise.all(
    jobs.map(async (job) => {
      try {
        return toObservedJob(job, await client.listSteps(job.id, signal));
      } catch (error) {
        if (isOvirtNotFoundError(error)) return undefined;
        throw error;
      }
    }),
  );
  return read.filter((job): job is ObservedJob => job !== undefined);
}

/** toObservedJob nests a job's flat step list (sub-steps under their parents, siblings by number). */
export function toObservedJob(job: OvirtJob, steps: readonly OvirtStep[]): ObservedJob {
  const byParent = new Map<string | undefined, OvirtStep[]>();
  const ids = new Set(steps.map((s) => s.id));
  for (const s of steps) {
    // A sub-step whose parent is not in the list is shown at the top rather than lost.
    const parent = s.parentStepId !== undefined && ids.has(s.parentStepId) ? s.parentStepId : undefined;
    byParent.set(parent, [...(byParent.get(parent) ?? []), s]);
  }
  const nest = (parent: string | undefined, seen: ReadonlySet<string>): ObservedStep[] =>
    (byParent.get(parent) ?? [])
      .filter((s) => !seen.has(s.id))
      .sort((a, b) => a.number - b.number || (a.startTime ?? 0) - (b.startTime ?? 0))
      .map((s) => ({ id: s.id, description: s.description, status: s.status, steps: nest(s.id, new Set([...seen, s.id])) }));
  return { id: job.id, description: job.description, status: job.status, startTime: job.startTime, steps: nest(undefined, new Set()) };
}
