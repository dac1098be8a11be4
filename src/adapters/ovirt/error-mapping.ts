/**
 * Classification at the boundary (retryability is decided where the error enters): every failure of an engine call becomes one of
 * the typed errors from `src/errors.ts`, with a message that says what happened and what to
 * do, and with its retryability decided here from the HTTP status or the undici/Node `code`.
 */
import { OvirtAuthError, OvirtHttpError, OvirtNotFoundError, OvirtUnavailableError } from '../../errors.js';
import { readFault } from './decode.js';

/** RequestContext names the call that failed, for messages and error fields. */
export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly origin: string;
  /** False for adds: a lost answer may hide an applied request. */
  readonly idempotent: boolean;
}

/** RETRYABLE_CODES are transport failures after which the same call may well succeed. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENETDOWN', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** Codes that mean the request never left this machine, so even an add is known not applied. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN', 'ENOTFOUND']);

const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE)/;

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the engine',
  UND_ERR_SOCKET: 'connection closed by the engine',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
  ENOTFOUND: 'host name not found',
};

/** isTlsVerificationCode tells whether a Node/OpenSSL error code is a TLS or certificate failure. */
export function isTlsVerificationCode(code: string | undefined): boolean {
  return code !== undefined && TLS_CODE.test(code);
}

/** errorCode digs the Node/undici `code` out of an error, its cause, or an AggregateError. */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (e as { errors?: unknown[] }).errors?.[0];
    e = inner ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * errorFromTransport maps a failure without an HTTP answer (network, timeout, TLS) to
 * {@link OvirtUnavailableError}. Network codes are retryable; TLS failures never are, and
 * their message says how to fix the trust setup.
 */
export function errorFromTransport(error: unknown, ctx: RequestContext): OvirtUnavailableError {
  const code = errorCode(error);
  const call = `${ctx.method} ${ctx.path} on ${ctx.origin}`;
  if (isTlsVerificationCode(code)) {
    return new OvirtUnavailableError(
      `TLS verification failed for ${call} (${code}). Set caFile (OVIRT_CAFILE) or caPem to the engine's CA certificate, ` +
        'or set insecure: true explicitly for a test engine. Retrying will not help.',
      { code, retryable: false },
      { cause: error },
    );
  }
  const retryable = code !== undefined && RETRYABLE_CODES.has(code);
  const what = (code && DESCRIPTIONS[code]) ?? (error instanceof Error ? error.message : String(error));
  const maybeApplied =
    !ctx.idempotent && !NOT_SENT_CODES.has(code ?? '')
      ? ' The engine may have applied the request before the answer was lost; look the object up before adding it again.'
      : '';
  const advice = retryable
    ? ' Check that the engine is up and reachable; the call can be retried.'
    : ' Check the url and the network path to the engine.';
  return new OvirtUnavailableError(`Could not complete ${call}: ${what}${code ? ` (${code})` : ''}.${maybeApplied}${advice}`, { code, retryable }, { cause: error });
}

/** HttpAnswer is an engine answer with a non-success status, body already read. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string | undefined;
}

/**
 * errorFromResponse maps an error status to the typed error: 404 → {@link OvirtNotFoundError},
 * 401 → {@link OvirtAuthError}, anything else → {@link OvirtHttpError} carrying the fault's
 * reason and detail (from a bare `fault` or an `action` with a nested one). Only 5xx is
 * retryable.
 */
export function errorFromResponse(answer: HttpAnswer, ctx: RequestContext): OvirtNotFoundError | OvirtAuthError | OvirtHttpError {
  if (answer.status === 404) return new OvirtNotFoundError(ctx.method, ctx.path);
  if (answer.status === 401) {
    return new OvirtAuthError(
      `oVirt refused the credentials for ${ctx.method} ${ctx.path} (401). Check the token, or the user@profile and password.`,
      { status: 401 },
    );
  }
  const fault = readFault(answer.body);
  return new OvirtHttpError({
    status: answer.status,
    method: ctx.method,
    path: ctx.path,
    reason: fault?.reason,
    detail: fault?.detail ?? (fault ? undefined : describeUnexpectedBody(answer)),
    hint: hintForStatus(answer.status),
  });
}

/** @internal What to do, by status class. */
function hintForStatus(status: number): string {
  if (status === 403) {
    return 'The oVirt user lacks permission: writes need INJECT_EXTERNAL_TASKS (role ExternalTasksCreator or SuperUser), reads need an administrator.';
  }
  if (status >= 500) return 'The engine failed internally; the call can be retried later. If it persists, check engine.log.';
  if (status >= 400) return 'The engine rejected the request; fix the input named in the detail. Retrying will not help.';
  return 'The answer was not what the oVirt API sends; check that url points at the engine API.';
}

/** @internal Names a body that is not a fault (an HTML error page from a proxy, say) without dumping it. */
function describeUnexpectedBody(answer: HttpAnswer): string | undefined {
  if (answer.body === undefined || answer.body === '') return undefined;
  return `unexpected ${answer.contentType ?? 'unknown'} body`;
}
