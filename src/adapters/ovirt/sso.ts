/**
 * The engine's SSO: the OAuth 2 password grant that yields an API token, and the logout that
 * revokes it (docs/ovirt-engine-behaviour.md#sso-token, #sso-logout). The token endpoint is picky: `Accept` must be exactly
 * `application/json`, so these requests carry Content-Type and Accept and nothing else.
 */
import { OvirtAuthError, type OvirtHttpError, type OvirtNotFoundError, type OvirtPermissionError } from '../../errors.js';
import { describeAnswer } from './answer-kind.js';
import { errorFromResponse } from './error-mapping.js';
import { send, type HttpResponse, type Transport } from './http.js';
import { isWireObject, type WireObject } from './wire-values.js';

/** The only headers the SSO endpoints get (no User-Agent, no extras: see module doc). */
const SSO_HEADERS = Object.freeze({
  'content-type': 'application/x-www-form-urlencoded',
  accept: 'application/json',
});

const API_SCOPE = 'ovirt-app-api';

/** SsoCredentials are what the password grant sends; `username` is `user@profile`. */
export interface SsoCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * requestToken logs in with the password grant and resolves to the access token. Throws
 * {@link OvirtAuthError} when the SSO refuses (its answer is a 400 JSON error, never 401),
 * OvirtHttpError for a server failure, OvirtUnavailableError when the engine is unreachable.
 * Neither the password nor the token ever appears in an error message.
 *
 * @example
 * const token = await requestToken(transport, '/ovirt-engine', { username: 'admin@internal', password });
 */
export async function requestToken(
  transport: Transport,
  enginePath: string,
  credentials: SsoCredentials,
  signal?: AbortSignal,
): Promise<string> {
  const path = `${enginePath}/sso/oauth/token`;
  const form = new URLSearchParams({ grant_type: 'password', scope: API_SCOPE, username: credentials.username, password: credentials.password });
  const response = await send(transport, { method: 'POST', path, headers: SSO_HEADERS, body: form.toString(), idempotent: true }, signal);
  // Older engines answered with a one-element array; the SDKs take its first element.
  const doc: unknown = Array.isArray(response.body) ? (response.body as unknown[])[0] : response.body;
  if (isWireObject(doc) && doc.error === undefined && typeof doc.access_token === 'string' && doc.access_token !== '') {
    return doc.access_token;
  }
  if (isWireObject(doc) && (doc.error !== undefined || doc.error_code !== undefined)) {
    throw loginRefused(doc, credentials);
  }
  throw unexpectedSsoAnswer(response, transport, path, 'gave no token');
}

/**
 * revokeToken logs the token out. The endpoint always answers 200 and reports a failure
 * inside the body (`error`/`error_code`), which becomes an {@link OvirtAuthError}.
 */
export async function revokeToken(transport: Transport, enginePath: string, token: string, signal?: AbortSignal): Promise<void> {
  const path = `${enginePath}/services/sso-logout`;
  const form = new URLSearchParams({ scope: API_SCOPE, token });
  const response = await send(transport, { method: 'POST', path, headers: SSO_HEADERS, body: form.toString(), idempotent: true }, signal);
  const doc = response.body;
  if (response.status === 200 && isWireObject(doc) && doc.error === undefined && doc.error_code === undefined) return;
  if (isWireObject(doc) && (doc.error !== undefined || doc.error_code !== undefined)) {
    const { code, message } = ssoErrorParts(doc);
    throw new OvirtAuthError(
      `oVirt SSO could not log the token out: ${message} (${code}). The token stays valid until the engine session idles out.`,
      { status: response.status, code },
    );
  }
  if (response.status === 200 && doc === undefined) return;
  throw unexpectedSsoAnswer(response, transport, path, 'did not confirm the logout');
}

/**
 * @internal The two error shapes of the SSO: `{error_code, error: message}` for the API scope
 * and `{error: code, error_description: message}` otherwise.
 */
function ssoErrorParts(doc: WireObject): { code: string; message: string } {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  if (doc.error_code !== undefined) {
    return { code: text(doc.error_code) ?? 'unknown', message: text(doc.error) ?? 'no message' };
  }
  return { code: text(doc.error) ?? 'unknown', message: text(doc.error_description) ?? text(doc.error) ?? 'no message' };
}

/** @internal What to do, by SSO error code. */
const LOGIN_ADVICE: Readonly<Record<string, string>> = {
  access_denied: 'Check the user name (user@profile, e.g. admin@internal) and the password.',
  invalid_request: 'The engine found the login request incomplete; check that username is user@profile and that no proxy rewrites the Accept header.',
  invalid_scope: 'The user may not be granted the ovirt-app-api scope; check its roles on the engine.',
  invalid_grant: 'The engine refused the grant; check the user is active and not locked.',
  server_error: 'The engine SSO failed internally; try again later and check engine.log.',
};

/** @internal Builds the refusal error; the engine text is scrubbed of the password just in case. */
function loginRefused(doc: WireObject, credentials: SsoCredentials): OvirtAuthError {
  const { code, message } = ssoErrorParts(doc);
  const said = message.split(credentials.password).join('***');
  const advice = LOGIN_ADVICE[code] ?? 'Check the user name (user@profile) and the password.';
  return new OvirtAuthError(`oVirt SSO refused the login of ${credentials.username}: ${said} (${code}). ${advice}`, { status: 400, code });
}

/** @internal Anything else (a 5xx, an HTML page from a wrong url) gets the generic status mapping. */
function unexpectedSsoAnswer(
  response: HttpResponse,
  transport: Transport,
  path: string,
  what: string,
): OvirtHttpError | OvirtAuthError | OvirtNotFoundError | OvirtPermissionError {
  const ctx = { method: 'POST', path, origin: transport.origin, idempotent: true };
  if (response.status >= 500) return errorFromResponse(response, ctx);
  return new OvirtAuthError(
    `oVirt SSO at ${transport.origin}${path} ${what} (HTTP ${response.status}, ${describeAnswer(response)}). ` +
      'Check that url points at the oVirt engine and that external SSO is not required.',
    { status: response.status },
  );
}
