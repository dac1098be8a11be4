/**
 * Permission refusals of the engine, as apply meets them. Crash recovery depends on two reads —
 * the Correlation-Id search of jobs and the list of a job's steps — and the engine answers both
 * only to an administrator user. A user that may add but not read would leave every interrupted
 * add PENDING for ever, so a refusal is a loud, non-retryable failure, never `pending`.
 */
import { isClaimFailedError, isOvirtPermissionError } from '../errors.js';
import type { OvirtPermissionError } from '../errors.js';

/** What to grant, in the words of the README's deploy step 1 and its Troubleshooting entry. */
export const READS_NEEDED =
  'Crash recovery needs to search jobs by Correlation-Id and to read steps, which the engine allows administrator users only: ' +
  'give the oVirt user the SuperUser role on System, or ExternalTasksCreator on System plus an administrator role ' +
  '(README: Troubleshooting, "oVirt refused ... for lack of permission").';

/**
 * asPermissionError returns the error when the engine refused the call for lack of permission
 * (the oVirt client maps a 403, and a 400 saying "insufficient permissions", to
 * OvirtPermissionError); undefined for any other error.
 */
export function asPermissionError(error: unknown): OvirtPermissionError | undefined {
  return isOvirtPermissionError(error) ? error : undefined;
}

/** isPermissionDenied: the failure is (or reports a stored) permission refusal. */
export function isPermissionDenied(error: unknown): boolean {
  return asPermissionError(error) !== undefined || (isClaimFailedError(error) && error.earlierErrorName === 'OvirtPermissionError');
}
