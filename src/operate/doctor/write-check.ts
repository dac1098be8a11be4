/**
 * The write check proves the rights the functions need to write: it adds one external job,
 * ends it and leaves it auto-cleared, so the engine removes it by itself. The job's name says
 * what it is, so nobody watching the task monitor mistakes it for a pipeline.
 */
import { randomBytes } from 'node:crypto';
import type { OvirtClient } from '../../adapters/ovirt/index.js';
import { isOvirtPermissionError } from '../../errors.js';
import type { CheckResult } from './check-result.js';
import { failed, messageOf, passed } from './check-result.js';

/** WRITE_CHECK_DESCRIPTION is the test job's description in the task monitor. */
export const WRITE_CHECK_DESCRIPTION = 'ovirt-pipeline-jobs doctor: write check (safe to ignore)';

const ID = 'engine.write';
const NAME = 'External jobs can be added and ended';

/** How long the end may take once the job exists, even after Ctrl-C: a started test job would never be cleaned up. */
const END_DEADLINE_MS = 30_000;

/**
 * writeCheck adds, ends and auto-clears one job. `signal` stops it before the add only: once
 * the job exists it is ended whatever happens, because a started job is never cleaned up.
 */
export async function writeCheck(client: OvirtClient, signal: AbortSignal): Promise<CheckResult> {
  // Never a mirrored job's Correlation-Id (those start with "opj-"), and unique per run.
  const correlationId = `doctor-write-check-${randomBytes(6).toString('hex')}`;
  let job;
  try {
    job = await client.addJob({ description: WRITE_CHECK_DESCRIPTION, autoCleared: true, correlationId }, signal);
  } catch (error) {
    if (isOvirtPermissionError(error)) {
      return failed(ID, NAME, 'the engine refused to add an external job: the user lacks INJECT_EXTERNAL_TASKS on System',
        `${error.needed} See README, "Deploying to AWS", step 1.`);
    }
    return failed(ID, NAME, `adding a test job failed: ${messageOf(error)}`,
      `If a job "${WRITE_CHECK_DESCRIPTION}" appears in the task monitor anyway, end it there; then run the doctor again.`);
  }
  const endSignal = AbortSignal.timeout(END_DEADLINE_MS);
  try {
    await client.endJob(job.id, { succeeded: true }, endSignal);
    if (!job.autoCleared) await client.clearJob(job.id, endSignal);
  } catch (error) {
    const fix = isOvirtPermissionError(error)
      ? `${error.needed} Meanwhile end job ${job.id} by hand in the task monitor.`
      : `End job ${job.id} ("${WRITE_CHECK_DESCRIPTION}") in the task monitor, then run the doctor again.`;
    return failed(ID, NAME, `added test job ${job.id}, but ending it failed: ${messageOf(error)}`, fix);
  }
  return passed(ID, NAME,
    `added test job ${job.id} "${WRITE_CHECK_DESCRIPTION}", ended it and left it auto-cleared: the engine removes it 10–20 minutes after its end`);
}
