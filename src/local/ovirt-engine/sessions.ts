/**
 * Servlet sessions of the REST API (docs/ovirt-engine-behaviour.md#sessions): a request with `Prefer: persistent-auth` keeps
 * its login in a session named by the `JSESSIONID` cookie. Each session stands on an SSO
 * token (the client's Bearer token, or one the Basic login obtained), so it dies with that
 * token's engine session: logout, `revokeAllTokens()`, restart. Idle limits are evaluated
 * lazily against the injected clock when the cookie is presented.
 */
import { randomBytes } from 'node:crypto';
import type { TokenRecord, TokenStore } from './tokens.js';

/** SESSION_COOKIE is the servlet container's session cookie name. */
export const SESSION_COOKIE = 'JSESSIONID';

/** SESSION_COOKIE_PATH is the cookie path: the REST API's context. */
export const SESSION_COOKIE_PATH = '/ovirt-engine/api';

/** ApiSession is one live servlet session. */
interface ApiSession {
  readonly token: string;
  /** The session's own login (Basic): logging the session out revokes the token. */
  readonly ownsToken: boolean;
  readonly idleMs: number;
  lastUsed: number;
}

/** SessionStore opens, resumes and discards servlet sessions. */
export class SessionStore {
  private readonly sessions = new Map<string, ApiSession>();
  private readonly defaultIdleMinutes: number;
  private readonly tokens: TokenStore;

  constructor(defaultIdleMinutes: number, tokens: TokenStore) {
    this.defaultIdleMinutes = defaultIdleMinutes;
    this.tokens = tokens;
  }

  /**
   * open starts a session on `token` and returns its id. `ttlMinutes` (from `Session-TTL`)
   * is the idle timeout; without it the engine's session idle time applies.
   */
  open(token: string, ownsToken: boolean, ttlMinutes: number | undefined, now: number): string {
    const id = randomBytes(24).toString('base64url');
    const idleMs = (ttlMinutes ?? this.defaultIdleMinutes) * 60_000;
    this.sessions.set(id, { token, ownsToken, idleMs, lastUsed: now });
    return id;
  }

  /**
   * resume returns the token record behind session `id` at `now` and records the activity.
   * Undefined means no such session, an idled-out session or a dead token; the session is
   * then gone.
   */
  resume(id: string, now: number): TokenRecord | undefined {
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    const record = now - session.lastUsed > session.idleMs ? undefined : this.tokens.use(session.token, now, session.idleMs);
    if (record === undefined) {
      this.discard(id);
      return undefined;
    }
    session.lastUsed = now;
    return record;
  }

  /** discard invalidates session `id`, logging out the login the session made itself. */
  discard(id: string): void {
    const session = this.sessions.get(id);
    if (session === undefined) return;
    this.sessions.delete(id);
    if (session.ownsToken) this.tokens.revoke(session.token);
  }

  /** clear drops every session (engine restart). */
  clear(): void {
    this.sessions.clear();
  }
}
