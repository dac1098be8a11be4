/**
 * API authentication with servlet sessions (docs/ovirt-engine-behaviour.md#basic-auth, #sessions), in the order of the engine's
 * filters: first the session the request carries is validated (`Prefer: new-auth` or a
 * missing `persistent-auth` invalidates it; a live one authenticates the request in place of
 * `Authorization`), then the `Authorization` header is checked (auth.ts), and a request with
 * `Prefer: persistent-auth` keeps its login in a new session. A Basic login without
 * `persistent-auth` leaves nothing behind; Bearer clients without these headers see no change.
 */
import type { IncomingMessage } from 'node:http';
import { authenticateRequest } from './auth.js';
import type { AuthResult } from './auth.js';
import type { Engine } from './engine.js';
import { headerValue } from './http-io.js';
import { preferencesOf, sessionCookie, sessionIdOf, sessionTtlOf } from './session-headers.js';
import { API_SCOPE, grantedScopes } from './sso.js';

/** ApiAuthentication is the outcome plus the `Set-Cookie` value of a session it opened. */
export interface ApiAuthentication {
  auth: AuthResult;
  setCookie?: string;
}

/** authenticateApiRequest authenticates one API request at the engine's current time. */
export function authenticateApiRequest(engine: Engine, req: IncomingMessage): ApiAuthentication {
  const now = engine.now();
  const prefer = preferencesOf(headerValue(req, 'prefer'));
  const sessionId = sessionIdOf(headerValue(req, 'cookie'));
  if (sessionId !== undefined) {
    if (!prefer.persistentAuth || prefer.newAuth) engine.sessions.discard(sessionId);
    else {
      const resumed = resumeSession(engine, sessionId, now);
      if (resumed !== undefined) return { auth: resumed };
    }
  }
  const auth = authenticateRequest(headerValue(req, 'authorization'), engine.users, engine.tokens, now);
  if (!auth.ok || !prefer.persistentAuth) return { auth };
  return { auth, setCookie: sessionCookie(openSession(engine, req, auth, now)) };
}

/** @internal The session's user, or undefined when the session (or its token) is gone. */
function resumeSession(engine: Engine, sessionId: string, now: number): AuthResult | undefined {
  const record = engine.sessions.resume(sessionId, now);
  const user = record === undefined ? undefined : engine.users.byName(record.userName);
  return user === undefined ? undefined : { ok: true, user };
}

/**
 * @internal Opens a session on the Bearer token, or on a token of its own for a Basic login
 * (the SSO login Basic performs, kept instead of being logged out after the request).
 */
function openSession(engine: Engine, req: IncomingMessage, auth: AuthResult & { ok: true }, now: number): string {
  const ttl = sessionTtlOf(headerValue(req, 'session-ttl'));
  if (auth.bearerToken !== undefined) return engine.sessions.open(auth.bearerToken, false, ttl, now);
  const token = engine.tokens.issue(auth.user.name, grantedScopes(API_SCOPE), now);
  engine.tokens.use(token, now);
  return engine.sessions.open(token, true, ttl, now);
}
