/**
 * Permission refusals of the engine, as apply meets them. Crash recovery depends on two reads —
 * the Correlation-Id search of jobs and the list of a job's steps — and the engine answers both
 * only to an administrator user. A user that may add but not read would leave every interrupted
 * add PENDING for ever, so a refusal is a loud, non-retryable failure, never `pending`.
 */
import { isClaimFailedError, isOvirtHttpError, isOvirtPermissionError, OvirtPermissionError } from '../errors.js';

/** What to grant, in the words of the README's deploy step 1 and its Troubleshooting entry. */
export const READS_NEEDED =
  'Crash recovery needs to search jobs by Correlation-Id and to read steps, which the engine allows administrator users only: ' +
  'give the oVirt user the SuperUser role on System, or ExternalTasksCreator on System plus an administrator role ' +
  '(README: Troubleshooting, "oVirt refused ... for lack of permission").';

/**
 * asPermissionError returns the error as an OvirtPermissionError when the engine refused the call
 * for lack of permission (the client's own error, or the raw 403 / 400 "insufficient permissions"
 * a client that does not map them yet throws); undefined for any other error.
 */
export function asPermissionError(error: unknown): OvirtPermissionError | undefined {
  if (isOvirtPermissionError(error)) return error;
  if (!isOvirtHttpError(error)) return undefined;
  const refused = error.status === 403 || (error.status === 400 && /insufficient permissions/i.test(error.detail ?? ''));
  if (!refused) return undefined;
  return new OvirtPermissionError({ method: error.method, path: error.path, needed: READS_NEEDED, detail: error.detail }, { cause: error });
}

/** isPermissionDenied: the failure is (or reports a stored) permission refusal. */
export function isPermissionDenied(error: unknown): boolean {
  return asPermissionError(error) !== undefined || (isClaimFailedError(error) && error.earlierErrorName === 'OvirtPermissionError');
}
