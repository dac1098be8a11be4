/**
 * findJobId and findStepId find an object again in oVirt after an interrupted create:
 * jobs by their deterministic Correlation-Id (the only searchable job field), steps by
 * listing the job's steps and matching parent + description (sibling descriptions are unique
 * by construction, see core/desired).
 */
import type { OvirtJobs } from '../ports.js';

/** findJobId returns the id of the external job carrying `correlationId`, preferring one with the same description. */
export async function findJobId(
  ovirt: OvirtJobs,
  correlationId: string,
  description: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const jobs = (await ovirt.findJobsByCorrelationId(correlationId, signal)).filter((job) => job.external);
  const ordered = [...jobs].sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
  return (ordered.find((job) => job.description === description) ?? ordered[0])?.id;
}

/** findStepId returns the id of the step of `jobId` with this parent and description. */
export async function findStepId(
  ovirt: OvirtJobs,
  jobId: string,
  parentStepId: string | undefined,
  description: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const steps = await ovirt.listSteps(jobId, signal);
  return steps.find((step) => step.description === description && (step.parentStepId ?? undefined) === parentStepId)?.id;
}
