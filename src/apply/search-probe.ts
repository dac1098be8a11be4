/**
 * ensureRecoveryReadsAllowed checks once per oVirt client (once per container) that the user
 * may search jobs by Correlation-Id, before the first add. Without that right every add works
 * until the first lost answer, and that object then stays PENDING for ever; with the probe a
 * user without it fails on the first pipeline, before anything is created. The search is for a
 * Correlation-Id this product never writes, so it costs one small read per cold start.
 */
import type { OvirtJobs } from '../ports.js';
import { isOvirtPermissionError } from '../errors.js';

/** Never a Correlation-Id of a mirrored job: those all start with "opj-" (see core/correlation-id). */
const PROBE_CORRELATION_ID = 'permission-probe-never-a-job';

const allowed = new WeakSet<OvirtJobs>();

/** ensureRecoveryReadsAllowed throws OvirtPermissionError when the search is refused; other failures are left to the add. */
export async function ensureRecoveryReadsAllowed(ovirt: OvirtJobs, signal?: AbortSignal): Promise<void> {
  if (allowed.has(ovirt)) return;
  try {
    await probeRecoveryReads(ovirt, signal);
  } catch (error) {
    if (isOvirtPermissionError(error)) throw error;
    // Anything else (engine down, timeout) says nothing about rights: the add meets it anyway.
    return;
  }
  allowed.add(ovirt);
}

/**
 * probeRecoveryReads runs the probe's search itself, every time, and lets any failure through
 * (the operator command's doctor reports each one).
 */
export async function probeRecoveryReads(ovirt: OvirtJobs, signal?: AbortSignal): Promise<void> {
  await ovirt.findJobsByCorrelationId(PROBE_CORRELATION_ID, signal);
}
