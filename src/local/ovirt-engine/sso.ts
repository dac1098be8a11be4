/**
 * The SSO endpoints (docs/ovirt-engine-behaviour.md#sso-token, #sso-logout): the password-grant token endpoint with its quirks (Accept
 * must be exactly `application/json`; every error is HTTP 400 JSON whose shape depends on the
 * requested scope; `exp` is a string; no `expires_in`) and the logout service, which always
 * answers 200 and reports problems inside the body.
 */
import { jsonResponse } from './http-io.js';
import type { SimResponse } from './http-io.js';
import type { TokenStore } from './tokens.js';
import type { UserDirectory } from './users.js';

/** API_SCOPE is the scope the REST API requires on a token. */
export const API_SCOPE = 'ovirt-app-api';

const SCOPE_DEPENDENCIES: Record<string, readonly string[]> = {
  [API_SCOPE]: [
    'ovirt-ext=token-info:authz-search',
    'ovirt-ext=token-info:public-authz-search',
    'ovirt-ext=token-info:validate',
    'ovirt-ext=token:password-access',
  ],
};

/** EXP_NO_VALIDITY is `Long.MAX_VALUE`: the internal profile reports no validity. */
const EXP_NO_VALIDITY = '9223372036854775807';

/** SsoRequest is what the SSO handlers need from a request. */
export interface SsoRequest {
  accept: string | undefined;
  form: URLSearchParams;
  now: number;
}

/** @internal The error shape depends on whether the API scope alone was requested. */
function ssoError(scope: string, code: string, message: string): SimResponse {
  const scopes = scope.split(/\s+/);
  const apiScope = scopes.includes(API_SCOPE) && !scopes.includes('ovirt-app-admin') && !scopes.includes('ovirt-app-portal');
  return jsonResponse(400, apiScope ? { error_code: code, error: message } : { error: code, error_description: message });
}

/** grantedScopes is the requested scope plus its dependencies, sorted and de-duplicated. */
export function grantedScopes(requested: string): Set<string> {
  const scopes = requested.split(/\s+/).filter((scope) => scope !== '');
  const all = scopes.flatMap((scope) => [scope, ...(SCOPE_DEPENDENCIES[scope] ?? [])]);
  return new Set([...new Set(all)].sort());
}

/** tokenEndpoint handles `POST /ovirt-engine/sso/oauth/token`. */
export function tokenEndpoint(request: SsoRequest, users: UserDirectory, tokens: TokenStore): SimResponse {
  const scope = request.form.get('scope') ?? '';
  if (request.accept !== 'application/json') return ssoError(scope, 'invalid_request', "Missing parameter: 'Accept Header'");
  const grant = request.form.get('grant_type');
  if (grant !== 'password') {
    return ssoError(scope, 'unsupported_grant_type', `The grant type '${grant ?? ''}' is not supported; use grant_type=password.`);
  }
  const username = request.form.get('username');
  if (username === null || username === '') return ssoError(scope, 'invalid_request', "Missing parameter: 'username'");
  const password = request.form.get('password');
  if (password === null) return ssoError(scope, 'invalid_request', "Missing parameter: 'password'");
  const user = users.authenticate(username, password);
  if (user === undefined) {
    return ssoError(scope, 'access_denied', `Cannot authenticate user '${username}': The username or password is incorrect..`);
  }
  const granted = grantedScopes(scope);
  const accessToken = tokens.issue(user.name, granted, request.now);
  return jsonResponse(200, { access_token: accessToken, token_type: 'bearer', scope: [...granted].join(' '), exp: EXP_NO_VALIDITY });
}

/** logoutEndpoint handles `POST /ovirt-engine/services/sso-logout`: always 200, `{}` on success. */
export function logoutEndpoint(request: SsoRequest, tokens: TokenStore): SimResponse {
  const token = request.form.get('token');
  if (token === null || token === '') {
    return jsonResponse(200, { error_code: 'invalid_request', error: "Missing parameter: 'token'" });
  }
  tokens.revoke(token);
  return jsonResponse(200, {});
}
