/**
 * Date conversions of the stub. Callers and fixtures give epoch milliseconds, ISO strings or
 * Date objects; the AWS JSON 1.0 wire carries epoch seconds with fractional milliseconds.
 */

/**
 * toEpochMs turns a caller's date into epoch milliseconds (undefined stays undefined).
 * @throws Error when the value is not a date, naming the field so the recording can be fixed.
 * @internal
 */
export function toEpochMs(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(ms)) {
    throw new Error(`Recording field ${field} is not a date (${JSON.stringify(value)}); give epoch milliseconds or an ISO-8601 string.`);
  }
  return ms;
}

/** toWireDate turns epoch milliseconds into the wire's epoch seconds. @internal */
export function toWireDate(ms: number): number;
export function toWireDate(ms: number | undefined): number | undefined;
export function toWireDate(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

/** toEventTime formats epoch milliseconds as EventBridge's `time`: ISO-8601 UTC at second precision. @internal */
export function toEventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
