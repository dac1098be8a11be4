/**
 * Classification at the boundary (retryability is decided where the error enters): every failure of an engine call becomes one of
 * the typed errors from `src/errors.ts`, with a message that says what happened and what to
 * do, and with its retryability decided here from the HTTP status or the undici/Node `code`.
 */
import { OvirtAuthError, OvirtHttpError, OvirtNotFoundError, OvirtPermissionError, OvirtUnavailableError } from '../../errors.js';
import { describeAnswer, type AnswerBody } from './answer-kind.js';
import { readFault, type Fault } from './decode.js';

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

/** Advice for an add whose answer was lost: it may have been applied. */
const MAYBE_APPLIED = ' The engine may have applied the request before the answer was lost; look the object up before adding it again.';

const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE)/;

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the engine',
  UND_ERR_SOCKET: 'connection closed by the engine',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time (headersTimeoutMs; OVIRT_TIMEOUT_MS in the functions)',
  UND_ERR_BODY_TIMEOUT: 'response body stalled (bodyTimeoutMs; OVIRT_TIMEOUT_MS in the functions)',
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
  const maybeApplied = !ctx.idempotent && !NOT_SENT_CODES.has(code ?? '') ? MAYBE_APPLIED : '';
  const advice = retryable
    ? ' Check that the engine is up and reachable; the call can be retried.'
    : ' Check the url and the network path to the engine.';
  return new OvirtUnavailableError(`Could not complete ${call}: ${what}${code ? ` (${code})` : ''}.${maybeApplied}${advice}`, { code, retryable }, { cause: error });
}

/**
 * timedOut is the error of an exchange that outlasted `timeoutMs` (connect, headers and the
 * whole body together): retryable, code ETIMEDOUT, naming the call and the setting to raise.
 */
export function timedOut(ctx: RequestContext, timeoutMs: number, stage: 'headers' | 'body'): OvirtUnavailableError {
  const what = stage === 'headers' ? 'no answer came' : 'the answer was still arriving';
  return new OvirtUnavailableError(
    `oVirt did not complete ${ctx.method} ${ctx.path} on ${ctx.origin} within ${timeoutMs} ms: ${what} (ETIMEDOUT).` +
      `${ctx.idempotent ? '' : MAYBE_APPLIED} The call can be retried; if the engine is merely slow, raise OVIRT_TIMEOUT_MS ` +
      '(client option timeoutMs), which bounds each request as a whole.',
    { code: 'ETIMEDOUT', retryable: true },
  );
}

/**
 * responseTooLarge is the error of an answer whose body crossed `maxResponseBytes`. Not
 * retryable: the same request gets the same answer. For an add the request was delivered
 * and answered, so the object may well exist.
 */
export function responseTooLarge(ctx: RequestContext, maxBytes: number, status: number): OvirtUnavailableError {
  return new OvirtUnavailableError(
    `oVirt's answer to ${ctx.method} ${ctx.path} on ${ctx.origin} (HTTP ${status}) is larger than ${maxBytes} bytes, the limit ` +
      'set by OVIRT_MAX_RESPONSE_BYTES (client option maxResponseBytes); the client stopped reading it there.' +
      `${ctx.idempotent ? '' : MAYBE_APPLIED} If the url points at the engine API and the answer is a genuinely long list ` +
      '(a job with tens of thousands of steps), raise OVIRT_MAX_RESPONSE_BYTES; otherwise find what answers in the engine\'s ' +
      'place (a proxy). Retrying the same call will not help.',
    { code: 'RESPONSE_TOO_LARGE', retryable: false },
  );
}

/** HttpAnswer is an engine answer with a non-success status, body already read. */
export interface HttpAnswer extends AnswerBody {
  readonly status: number;
}

/**
 * errorFromResponse maps an error status to the typed error: 404 → {@link OvirtNotFoundError},
 * 401 → {@link OvirtAuthError}, 403 or a 400 whose fault says permissions were insufficient →
 * {@link OvirtPermissionError}, anything else → {@link OvirtHttpError} carrying the fault's
 * reason and detail (from a bare `fault` or an `action` with a nested one). Only 5xx is
 * retryable.
 */
export function errorFromResponse(
  answer: HttpAnswer,
  ctx: RequestContext,
): OvirtNotFoundError | OvirtAuthError | OvirtPermissionError | OvirtHttpError {
  if (answer.status === 404) return new OvirtNotFoundError(ctx.method, ctx.path);
  if (answer.status === 401) {
    return new OvirtAuthError(
      `oVirt refused the credentials for ${ctx.method} ${ctx.path} (401). Check the token, or the user@profile and password.`,
      { status: 401 },
    );
  }
  const fault = readFault(answer.body);
  if (answer.status === 403 || (answer.status === 400 && isQueryPermissionFault(fault))) return permissionRefused(answer, ctx, fault);
  return new OvirtHttpError({
    status: answer.status,
    method: ctx.method,
    path: ctx.path,
    reason: fault?.reason,
    detail: fault?.detail ?? (fault ? undefined : describeUnexpectedBody(answer)),
    hint: hintForStatus(answer.status, fault !== undefined),
  });
}

/**
 * What the user needs for each kind of call. Writes (add, end, clear) need the
 * INJECT_EXTERNAL_TASKS permission on the System object; listing and searching jobs and
 * reading steps are allowed to administrator users only (others run filtered and are refused).
 * SuperUser holds both; ExternalTasksCreator holds the permission but is a user role.
 */
const NEEDED_FOR_WRITES =
  'Grant the oVirt user, on the System object, a role that includes the INJECT_EXTERNAL_TASKS permission. This product ' +
  'also lists jobs and reads steps, which oVirt allows administrator users only, so use SuperUser or an administrator ' +
  'role of your own that includes INJECT_EXTERNAL_TASKS; ExternalTasksCreator alone is a user role and lets the writes ' +
  'through but not the reads.';
const NEEDED_FOR_READS =
  'oVirt lets only administrator users list or search jobs and read steps; any other user runs in filtered mode and is ' +
  'refused. Grant the oVirt user, on the System object, an administrator role that also includes the ' +
  'INJECT_EXTERNAL_TASKS permission for the writes: SuperUser, or an administrator role of your own. ' +
  'ExternalTasksCreator alone is a user role and is not enough.';

/** @internal The engine's detail when a non-administrator runs an administrator-only query. */
function isQueryPermissionFault(fault: Fault | undefined): boolean {
  return /insufficient permissions/i.test(fault?.detail ?? '');
}

/** @internal A refusal for lack of rights; says what to grant, and notices a refusal that is not the engine's. */
function permissionRefused(answer: HttpAnswer, ctx: RequestContext, fault: Fault | undefined): OvirtPermissionError {
  const detail = fault
    ? [fault.reason, fault.detail].filter(Boolean).join(': ')
    : `HTTP ${answer.status} with ${describeAnswer(answer)}, not an oVirt fault; if it persists with a suitable role, ` +
      'something in front of the engine (a proxy or gateway) refused it';
  return new OvirtPermissionError({ method: ctx.method, path: ctx.path, needed: ctx.method === 'GET' ? NEEDED_FOR_READS : NEEDED_FOR_WRITES, detail });
}

/** @internal What to do, by status class and by whether the engine explained itself. */
function hintForStatus(status: number, hasFault: boolean): string {
  if (status >= 500) return 'The engine failed internally; the call can be retried later. If it persists, check engine.log.';
  if (!hasFault) {
    return 'The answer carries no oVirt fault, so it may not come from the engine: check that url points at the engine API ' +
      '(…/ovirt-engine/api) and not at a proxy or its login page.';
  }
  if (status >= 400) return 'The engine refused the request for the reason in the detail. Retrying will not help.';
  return 'The answer was not what the oVirt API sends; check that url points at the engine API.';
}

/** @internal Names a body that is not a fault (an HTML error page from a proxy, say) without dumping it. */
function describeUnexpectedBody(answer: HttpAnswer): string | undefined {
  if (answer.body === undefined || answer.body === '') return undefined;
  return `the answer is ${describeAnswer(answer)}`;
}

/** What a 2xx answer was expected to be, for {@link unverifiableAnswer}. */
export type ExpectedAnswer = 'action' | 'read' | 'add';

const UNVERIFIABLE_ADVICE: Readonly<Record<ExpectedAnswer, string>> = {
  action: 'The engine did not confirm the action, so it may not have happened. The call is safe to repeat and will be tried again.',
  read: 'The read will be tried again.',
  add: 'The add may or may not have happened; look the object up before adding it again.',
};

/**
 * unverifiableAnswer is the error for a 2xx answer that is not the JSON document the call
 * expects (an action result with status complete, a job, a list): typically a proxy's login
 * or maintenance page in front of the engine. Retryable, because such pages come and go and
 * every call but an add may be repeated safely (adds are never repeated in-process anyway).
 * Only the kind of body is named, never its content.
 */
export function unverifiableAnswer(
  answer: HttpAnswer,
  ctx: Pick<RequestContext, 'method' | 'path'>,
  expected: ExpectedAnswer,
  wanted: string,
): OvirtHttpError {
  return new OvirtHttpError({
    status: answer.status,
    method: ctx.method,
    path: ctx.path,
    reason: 'Unverifiable answer',
    detail: `${describeAnswer(answer)} came back instead of ${wanted}`,
    hint: `${UNVERIFIABLE_ADVICE[expected]} If it persists, check that url points at the engine API (…/ovirt-engine/api) and not at a proxy or its login page.`,
    retryable: true,
  });
}
