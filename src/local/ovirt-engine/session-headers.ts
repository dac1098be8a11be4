/**
 * Reading the session headers (docs/ovirt-engine-behaviour.md#sessions): the `Prefer` preferences (several may come in one
 * header, separated by commas, or in repeated headers; names are case-insensitive and
 * parameters after `;` are ignored), the `JSESSIONID` cookie and `Session-TTL` in minutes.
 */
import { SESSION_COOKIE, SESSION_COOKIE_PATH } from './sessions.js';

/** SessionPreferences are the `Prefer` values that govern sessions. */
export interface SessionPreferences {
  persistentAuth: boolean;
  newAuth: boolean;
}

/** preferencesOf reads `Prefer` (repeated headers arrive joined with commas). */
export function preferencesOf(prefer: string | undefined): SessionPreferences {
  const names = (prefer ?? '').split(',').map((item) => (item.split(';')[0] ?? '').trim().toLowerCase());
  return { persistentAuth: names.includes('persistent-auth'), newAuth: names.includes('new-auth') };
}

/** sessionIdOf returns the first `JSESSIONID` value of a `Cookie` header, if any. */
export function sessionIdOf(cookie: string | undefined): string | undefined {
  for (const pair of (cookie ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    if (value !== '') return value;
  }
  return undefined;
}

/**
 * sessionTtlOf reads `Session-TTL` as whole minutes. Anything else (missing, not a number,
 * zero) leaves the engine's session idle time in force.
 */
export function sessionTtlOf(header: string | undefined): number | undefined {
  const text = header?.trim() ?? '';
  if (!/^\d+$/.test(text)) return undefined;
  const minutes = Number(text);
  return minutes >= 1 ? minutes : undefined;
}

/** sessionCookie is the `Set-Cookie` value for a new session. */
export function sessionCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=${SESSION_COOKIE_PATH}`;
}
