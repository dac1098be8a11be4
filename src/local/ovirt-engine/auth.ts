/**
 * API authentication (docs/ovirt-engine-behaviour.md#token-lifetime, #basic-auth, #unauthorized): a Bearer token from the SSO (must carry the
 * `ovirt-app-api` scope and must not have idled out), or deprecated Basic credentials that
 * log in for this one request. Every failure is the servlet container's 401 HTML page with
 * `WWW-Authenticate: Basic realm="RESTAPI"`, never a fault document.
 */
import { htmlResponse } from './http-io.js';
import type { SimResponse } from './http-io.js';
import { API_SCOPE } from './sso.js';
import type { TokenStore } from './tokens.js';
import type { DirectoryUser, UserDirectory } from './users.js';
import { escapeXml } from './xml.js';

/**
 * AuthResult is the authenticated user (with the Bearer token when one was used, so a
 * persistent session can stand on it), or why authentication failed.
 */
export type AuthResult = { ok: true; user: DirectoryUser; bearerToken?: string } | { ok: false; reason: string };

/** authenticateRequest checks the Authorization header at `now`. */
export function authenticateRequest(
  authorization: string | undefined,
  users: UserDirectory,
  tokens: TokenStore,
  now: number,
): AuthResult {
  if (authorization === undefined) return { ok: false, reason: 'Unauthorized' };
  const space = authorization.indexOf(' ');
  const scheme = authorization.slice(0, Math.max(space, 0)).toLowerCase();
  const credentials = authorization.slice(space + 1).trim();
  if (scheme === 'bearer') return bearer(credentials, users, tokens, now);
  if (scheme === 'basic') return basic(credentials, users);
  return { ok: false, reason: 'Unauthorized' };
}

/** @internal */
function bearer(token: string, users: UserDirectory, tokens: TokenStore, now: number): AuthResult {
  const record = tokens.use(token, now);
  if (record === undefined) return { ok: false, reason: 'Unauthorized' };
  if (!record.scopes.has(API_SCOPE)) return { ok: false, reason: `The required scope ${API_SCOPE} is not granted.` };
  const user = users.byName(record.userName);
  return user === undefined ? { ok: false, reason: 'Unauthorized' } : { ok: true, user, bearerToken: token };
}

/**
 * @internal Basic logs in per request; unless the request asks for a persistent session
 * (session-auth.ts), nothing of that login outlives the request.
 */
function basic(encoded: string, users: UserDirectory): AuthResult {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { ok: false, reason: 'Unauthorized' };
  const user = users.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
  return user === undefined ? { ok: false, reason: 'Unauthorized' } : { ok: true, user };
}

/** unauthorizedPage is the 401 the engine's filter sends: an HTML error page, not a fault. */
export function unauthorizedPage(reason: string): SimResponse {
  const html = `<html><head><title>Error</title></head><body>${escapeXml(reason)}</body></html>`;
  return htmlResponse(401, html, { 'www-authenticate': 'Basic realm="RESTAPI"' });
}
