/**
 * Authenticated calls to the engine API: the standard headers, the bearer token, the single
 * re-login after a 401, status classification and, for idempotent calls only, the bounded
 * retry. Operations in `client.ts` are built on {@link ApiCaller.call}.
 */
import { OvirtAuthError } from '../../errors.js';
import { errorFromResponse, type RequestContext } from './error-mapping.js';
import { send, type HttpResponse, type Transport } from './http.js';
import { withRetry, type RetryPolicy } from './retry.js';
import type { TokenSource } from './token-source.js';
import { API_VERSION } from './version.js';

/** ApiRequest is one API call; `path` is below the API base (e.g. `/jobs`). */
export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** JSON body; booleans must already be strings (`"true"`), the safe form (docs/ovirt-engine-behaviour.md#wire-format). */
  readonly body?: object | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** True for reads and end/clear actions: these may be retried. Adds are never retried. */
  readonly idempotent: boolean;
  /**
   * Verifies a 2xx answer (throws when it is not what the call needs). It runs inside each
   * attempt, so a retryable refusal (an unconfirmed end, say) is retried like a 503.
   */
  readonly verify?: ((response: HttpResponse) => void) | undefined;
}

/** ApiCaller performs API calls and resolves to 2xx answers only. */
export interface ApiCaller {
  call(request: ApiRequest, signal?: AbortSignal): Promise<HttpResponse>;
}

/** ApiSettings are the fixed parts of every API call. */
export interface ApiSettings {
  readonly apiPath: string;
  readonly userAgent: string;
  readonly extraHeaders: Readonly<Record<string, string>>;
  readonly retry: RetryPolicy;
}

/**
 * createApiCaller builds the caller. Every request carries `Version: 4`, `Accept:
 * application/json`, `User-Agent`, the caller's extra headers and the bearer token, plus
 * `Content-Type: application/json` when it has a body. A 401 leads to one re-login and one
 * repeat: the 401 comes from the auth filter before any resource runs, so repeating an add
 * cannot duplicate it. Errors are typed (see error-mapping.ts); aborts reject with the
 * signal's reason.
 */
export function createApiCaller(transport: Transport, tokens: TokenSource, settings: ApiSettings): ApiCaller {
  const exchange = (request: ApiRequest, token: string, signal?: AbortSignal): Promise<HttpResponse> =>
    send(transport, {
      method: request.method,
      path: settings.apiPath + request.path,
      headers: {
        ...settings.extraHeaders,
        ...request.headers,
        version: API_VERSION,
        accept: 'application/json',
        'user-agent': settings.userAgent,
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      idempotent: request.idempotent,
    }, signal);

  const attempt = async (request: ApiRequest, signal?: AbortSignal): Promise<HttpResponse> => {
    const ctx: RequestContext = { method: request.method, path: settings.apiPath + request.path, origin: transport.origin, idempotent: request.idempotent };
    const token = await tokens.get(signal);
    let response = await exchange(request, token, signal);
    if (response.status === 401) {
      const fresh = await tokens.renew(token, signal);
      if (fresh === undefined) throw tokenRejected(ctx);
      response = await exchange(request, fresh, signal);
      if (response.status === 401) throw freshTokenRejected(ctx);
    }
    if (response.status < 200 || response.status > 299) throw errorFromResponse(response, ctx);
    request.verify?.(response);
    return response;
  };

  return {
    call(request, signal) {
      if (!request.idempotent) return attempt(request, signal);
      return withRetry(() => attempt(request, signal), settings.retry, signal, {
        onRetry: (error, retry, delayMs) =>
          transport.logger.debug?.('oVirt request retried', { method: request.method, path: request.path, retry, delayMs, error: (error as Error).name }),
      });
    },
  };
}

/** @internal A fixed token was refused and there is nothing to log in with. */
function tokenRejected(ctx: RequestContext): OvirtAuthError {
  return new OvirtAuthError(
    `oVirt refused the token for ${ctx.method} ${ctx.path} (401): it is invalid, revoked or expired (engine sessions end after ` +
      '30 idle minutes by default). Supply a fresh token (OVIRT_TOKEN), or set username and password so the client can log in again.',
    { status: 401 },
  );
}

/** @internal Even a token issued a moment ago was refused: a permission or scope problem, not expiry. */
function freshTokenRejected(ctx: RequestContext): OvirtAuthError {
  return new OvirtAuthError(
    `oVirt refused a freshly issued token for ${ctx.method} ${ctx.path} (401). The user may lack the ovirt-app-api scope ` +
      'or API access; check its roles and the engine SSO configuration.',
    { status: 401 },
  );
}
