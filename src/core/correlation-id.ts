/**
 * correlationId derives the Correlation-Id of the job of one execution run:
 *
 * ```text
 * 'opj-' + first 32 hex digits of sha256(`${executionArn}#${run}`)   → 36 chars of [a-z0-9-]
 * ```
 *
 * 36 characters is what the engine keeps (it truncates longer values and removes characters
 * outside `[A-Za-z0-9_-]`), so the value we search with is the value the engine stored.
 */
import { createHash } from 'node:crypto';

/** correlationId is the deterministic Correlation-Id of the job of `run` of an execution. */
export function correlationId(executionArn: string, run: number): string {
  return `opj-${createHash('sha256').update(`${executionArn}#${run}`).digest('hex').slice(0, 32)}`;
}
