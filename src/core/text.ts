/**
 * Text hygiene for descriptions: error texts from Step Functions (often JSON with stack traces)
 * are cleaned and shortened before they reach oVirt, and every description respects the
 * configured maximum length without losing the suffix that tells siblings apart.
 */
import { createHash } from 'node:crypto';
import type { Failure } from '../model/tree.js';

/** FAILURE_TEXT_MAX is the longest error name or cause copied into a description. */
export const FAILURE_TEXT_MAX = 200;

/** truncate shortens text to `max` code points, ending with '…' when cut. */
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(max - 1, 0)).join('')}…`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * printable replaces control characters with a space and lone surrogates with U+FFFD. The
 * engine serves every job and step as XML too (the Python SDK and Ansible read it), and
 * XML 1.0 cannot carry control characters; a lone surrogate cannot even be stored as UTF-8.
 */
export function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ').replace(LONE_SURROGATE, '\uFFFD');
}

/** cleanText replaces control characters and lone surrogates, collapses whitespace and truncates. */
export function cleanText(text: string, max: number = FAILURE_TEXT_MAX): string {
  return truncate(printable(text).replace(/\s+/g, ' ').trim(), max);
}

/** withSuffix fits `base + suffix` into `max`, cutting the base so the suffix survives. */
export function withSuffix(base: string, suffix: string, max: number): string {
  const room = max - Array.from(suffix).length;
  return room < 2 ? truncate(base + suffix, max) : truncate(base, room) + suffix;
}

/**
 * uniqueCut fits `base + suffix` into `max` like withSuffix, but when the base must be cut it
 * ends the cut with a tag of the full base (`…#3fa2`), so two names that only differ past the
 * cut still give different sibling descriptions.
 */
export function uniqueCut(base: string, suffix: string, max: number): string {
  const full = base + suffix;
  if (Array.from(full).length <= max) return full;
  const tag = `…#${createHash('sha256').update(base).digest('hex').slice(0, 4)}`;
  const room = max - Array.from(suffix).length - tag.length;
  return room < 1 ? truncate(full, max) : Array.from(base).slice(0, room).join('') + tag + suffix;
}

/**
 * readableCause returns the message of a Lambda-style error object (`{"errorType", "errorMessage",
 * "trace"}`, the usual cause of a failed Task) instead of its JSON with a stack trace, which
 * would fill the description with noise. Any other cause is returned as it is.
 */
export function readableCause(cause: string): string {
  if (!cause.trimStart().startsWith('{')) return cause;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown; message?: unknown; Cause?: unknown };
    const message = [parsed.errorMessage, parsed.message, parsed.Cause].find((m) => typeof m === 'string' && m.trim() !== '');
    return typeof message === 'string' ? message : cause;
  } catch {
    return cause;
  }
}

/** failureText renders a failure as `<error>: <cause>` (either alone when the other is empty). */
export function failureText(failure: Failure): string {
  const error = cleanText(failure.error);
  const cause = cleanText(readableCause(failure.cause));
  return error !== '' && cause !== '' ? `${error}: ${cause}` : error || cause;
}
