/**
 * Typed readers for environment variables. Each trims the value, treats an empty string as
 * unset, and throws a ConfigError naming the variable when a value is invalid, so a bad
 * deployment fails at cold start with a message that says what to fix.
 */
import { ConfigError } from '../errors.js';

/** Env is the environment as a plain record (injected so tests never touch process.env). */
export type Env = Readonly<Record<string, string | undefined>>;

/** readString returns the trimmed value, or undefined when unset or blank. */
export function readString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** readBoolean accepts true/false/1/0/yes/no (any case). */
export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = readString(env, name);
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (['true', '1', 'yes'].includes(lower)) return true;
  if (['false', '0', 'no'].includes(lower)) return false;
  throw new ConfigError(name, `expected true or false, got "${value}".`);
}

/** readInteger reads a whole number within [min, max]; unset gives `fallback` (which may be undefined). */
export function readInteger<F extends number | undefined>(env: Env, name: string, fallback: F, min: number, max: number): number | F {
  const value = readString(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${value}".`);
  }
  return parsed;
}

/** readList reads a comma-separated list, dropping blanks. */
export function readList(env: Env, name: string): string[] {
  return (readString(env, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** readEnum reads one of a fixed set of values (case-insensitive). */
export function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = readString(env, name);
  if (value === undefined) return fallback;
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (match === undefined) throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${value}".`);
  return match;
}

/** readStringMap reads a JSON object whose values are strings (e.g. extra HTTP headers). */
export function readStringMap(env: Env, name: string): Record<string, string> {
  const value = readString(env, name);
  if (value === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (cause) {
    throw new ConfigError(name, 'expected a JSON object such as {"X-Header": "value"}.', { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(name, 'expected a JSON object such as {"X-Header": "value"}.');
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.some(([, v]) => typeof v !== 'string')) throw new ConfigError(name, 'every header value must be a string.');
  return Object.fromEntries(entries) as Record<string, string>;
}
