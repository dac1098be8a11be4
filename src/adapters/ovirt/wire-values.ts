/**
 * Readers for single values of the engine's JSON, which types them oddly (docs/ovirt-engine-behaviour.md#wire-format):
 * booleans and integers arrive as strings (`"true"`, `"0"`), dates as epoch-millisecond
 * numbers. Each reader also accepts the native JSON form, and returns undefined for a field
 * that is absent or null, because the engine omits null fields.
 */

/** DecodeError: an engine document did not have the shape the API model promises. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** WireObject is a JSON object from the engine, fields still untyped. */
export type WireObject = Readonly<Record<string, unknown>>;

/** isWireObject tells whether a JSON value is a plain object (not null, not an array). */
export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** readString reads a string field; numbers are accepted and turned into text. */
export function readString(obj: WireObject, field: string): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new DecodeError(`field ${field} should be a string, got ${typeof value}`);
}

/** readBoolean reads `"true"`/`"false"` (any case), `"1"`/`"0"`, or a native boolean. */
export function readBoolean(obj: WireObject, field: string): boolean | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string' && typeof value !== 'number') throw new DecodeError(`field ${field} should be a boolean, got ${typeof value}`);
  const text = String(value).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new DecodeError(`field ${field} should be a boolean, got ${JSON.stringify(value)}`);
}

/** readInteger reads an integer sent as a decimal string (`"3"`) or a JSON number. */
export function readInteger(obj: WireObject, field: string): number | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number === 'number' && Number.isSafeInteger(number)) return number;
  throw new DecodeError(`field ${field} should be an integer, got ${JSON.stringify(value)}`);
}

/** readDate reads epoch milliseconds (number or numeric string); an ISO date-time is tolerated too. */
export function readDate(obj: WireObject, field: string): number | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const millis = /^\s*-?\d+\s*$/.test(value) ? Number(value) : Date.parse(value);
    if (Number.isFinite(millis)) return millis;
  }
  throw new DecodeError(`field ${field} should be a date (epoch milliseconds), got ${JSON.stringify(value)}`);
}

/** readRefId reads the `id` of a reference object such as `"job": {"href": …, "id": …}`. */
export function readRefId(obj: WireObject, field: string): string | undefined {
  const ref = obj[field];
  if (ref === undefined || ref === null) return undefined;
  if (!isWireObject(ref)) throw new DecodeError(`field ${field} should be a reference object`);
  return readString(ref, 'id');
}

/** readEnum reads a lower-case enum value; unknown or missing values become `fallback`. */
export function readEnum<T extends string>(obj: WireObject, field: string, allowed: readonly T[], fallback: T): T {
  const value = readString(obj, field)?.toLowerCase();
  return allowed.find((candidate) => candidate === value) ?? fallback;
}
