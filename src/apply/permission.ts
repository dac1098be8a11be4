/**
 * Permission refusals of the engine, as apply meets them. Crash recovery depends on two reads —
 * the Correlation-Id search of jobs and the list of a job's steps — and the engine answers both
 * only to an administrator user. A user that may add but not read would leave every interrupted
 * add PENDING for ever, so a refusal is a loud, non-retryable failure, never `pending`.
 */
import { isClaimFailedError, isOvirtPermissionError } from '../errors.js';

/** isPermissionDenied: the failure is (or reports a stored) permission refusal. */
export function isPermissionDenied(error: unknown): boolean {
  return isOvirtPermissionError(error) || (isClaimFailedError(error) && error.permissionDenied);
}
