/**
 * Checks on caller input that the engine would not report: it silently strips and truncates
 * correlation ids (docs/ovirt-engine-behaviour.md#correlation-id), and an empty path id would address a collection instead.
 * These are caller bugs, so they throw TypeError (never retried) before anything is sent.
 */

const CORRELATION_ID = /^[A-Za-z0-9_-]{1,36}$/;

/**
 * checkCorrelationId returns `id` if the engine will store and search it unchanged:
 * 1 to 36 characters of `[A-Za-z0-9_-]`. Throws TypeError otherwise.
 */
export function checkCorrelationId(id: string): string {
  if (!CORRELATION_ID.test(id)) {
    throw new TypeError(
      `Correlation id ${JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)} is not usable: the engine keeps only ` +
        '[A-Za-z0-9_-] and at most 36 characters, so it could never be found again. Derive a shorter id from those characters.',
    );
  }
  return id;
}

/** pathId URL-encodes a job or step id for a path segment; throws TypeError when it is blank. */
export function pathId(id: string, what: 'job' | 'step'): string {
  if (id.trim() === '') throw new TypeError(`The ${what} id is empty; pass the id the engine returned when the ${what} was added.`);
  return encodeURIComponent(id);
}

/** wireBoolean writes a boolean the way the engine's JSON does: as the string `"true"` or `"false"`. */
export function wireBoolean(value: boolean): 'true' | 'false' {
  return value ? 'true' : 'false';
}
