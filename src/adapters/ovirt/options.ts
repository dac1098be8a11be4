/**
 * Options of the oVirt REST client: what a caller may pass, the defaults, and the one
 * validation step that turns them into a frozen {@link ResolvedOvirtOptions}. Unknown keys
 * are refused so that a misspelt option fails at cold start instead of being ignored.
 */
import { Dispatcher } from 'undici';
import * as z from 'zod';
import { ConfigError } from '../../errors.js';
import { READ_RETRY_DEFAULTS, RESPONSE_CAP_LIMITS } from '../../model/ovirt.js';
import { parseEngineUrl } from './engine-url.js';
import type { RetryPolicy } from './retry.js';
import { CLIENT_VERSION } from './version.js';

/** OvirtLogger is the structural logger the client writes to (Powertools' Logger fits). */
export interface OvirtLogger {
  warn(message: string, extra?: object): void;
  debug?(message: string, extra?: object): void;
}

/** Headers the client sets itself or must never send (docs/ovirt-engine-behaviour.md#error-catalogue on JobId/StepId, #filter). */
const RESERVED_HEADERS = new Set([
  'accept', 'authorization', 'content-type', 'content-length', 'correlation-id', 'filter',
  'host', 'jobid', 'stepid', 'user-agent', 'version', 'prefer',
]);

/**
 * DEFAULT_MAX_RESPONSE_BYTES: 32 MiB. The largest answer the product reads is a job's step
 * list. Measured on the simulator, which renders like the engine (ids, hrefs, links): a step
 * takes about 1.2 KiB of JSON with a 70-character description and 1.35 KiB with a
 * 200-character one (the default description limit), so 10,000 steps take 12 to 13.5 MB and
 * reading them grows the process by about 60 MiB. 32 MiB holds some 24,000 steps of 200
 * characters: a job would need nearly one step per history event (AWS stops at 25,000) to
 * reach it. A runaway answer stops there, long before it can exhaust a 512 MB function.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const millis = () => z.number().int().min(1).max(3_600_000).optional();
const text = z.string().trim().min(1).optional();

/** The one declaration of the options: {@link OvirtClientOptions} is derived from it. */
const optionsSchema = z.strictObject({
  /** Engine address (`https://engine.example`) or its API URL (`https://engine.example/ovirt-engine/api`, like OVIRT_URL). */
  url: z.string().min(1),
  /** SSO user as `user@profile`, e.g. `admin@internal`. Needed with `password` unless `token` is given. */
  username: text,
  password: z.string().min(1).optional(),
  /** A ready SSO access token (OVIRT_TOKEN), used as is; with credentials too, a 401 falls back to a login. */
  token: text,
  /** Path of the engine CA certificate in PEM (the ovirt Ansible collection calls it OVIRT_CAFILE). */
  caFile: text,
  /** The engine CA certificate as inline PEM text. */
  caPem: text,
  /** Skip TLS verification. Test engines only; logs a warning once per process. @default false */
  insecure: z.boolean().optional(),
  /** Accept a plain `http://` url (local simulators only). @default false */
  allowHttp: z.boolean().optional(),
  /** @default 10000 */
  connectTimeoutMs: millis(),
  /** Time allowed for the response headers. @default 30000 */
  headersTimeoutMs: millis(),
  /** Time allowed between two chunks of the response body. @default 30000 */
  bodyTimeoutMs: millis(),
  /**
   * Bound on each request to the engine as a whole: connecting, the headers and the whole
   * body (a body that trickles in never ends a chunk timeout). Each retry gets the bound
   * afresh. Past it the request fails with a retryable OvirtUnavailableError, code ETIMEDOUT.
   * @default 30000
   */
  timeoutMs: millis(),
  /**
   * Most bytes of one answer the client reads; the body is streamed and reading stops as soon
   * as it crosses this. @default 33554432 (32 MiB, see DEFAULT_MAX_RESPONSE_BYTES)
   */
  maxResponseBytes: z.number().int().min(RESPONSE_CAP_LIMITS.min).max(RESPONSE_CAP_LIMITS.max).optional(),
  /** Most sockets kept open to the engine. @default 8 */
  connections: z.number().int().min(1).max(256).optional(),
  /** How long an idle socket is kept (below Apache's usual 5 s). @default 4000 */
  keepAliveTimeoutMs: millis(),
  /** Extra attempts for reads and end/clear actions after a retryable failure; 0 disables. Adds are never retried. @default 2 */
  retries: z.number().int().min(0).max(10).optional(),
  /** Wait before the first retry; each later wait is 4× longer. @default 100 */
  retryBaseDelayMs: z.number().int().min(0).max(60_000).optional(),
  /** Longest wait between two attempts. @default 400 */
  retryMaxDelayMs: z.number().int().min(0).max(60_000).optional(),
  /** Extra request headers for API calls (e.g. for a gateway). Headers the client owns are refused. */
  headers: z.record(z.string(), z.string()).optional(),
  /** @default `ovirt-pipeline-jobs/<version>` */
  userAgent: text,
  /** Where warnings and debug lines go. @default console.warn, no debug */
  logger: z.custom<OvirtLogger>((v) => typeof (v as { warn?: unknown } | null)?.warn === 'function', {
    message: 'must be an object with a warn(message, extra) method',
  }).optional(),
  /** A ready undici dispatcher (shared Pool, MockAgent). TLS options are then the dispatcher's business. */
  dispatcher: z.custom<Dispatcher>((v) => v instanceof Dispatcher, { message: 'must be an undici Dispatcher' }).optional(),
});

/** OvirtClientOptions is what `createOvirtClient` accepts (derived from the schema, see there for each option). */
export type OvirtClientOptions = z.input<typeof optionsSchema>;

/** ResolvedOvirtOptions is the validated, defaulted and frozen form of {@link OvirtClientOptions}. */
export interface ResolvedOvirtOptions {
  readonly origin: string;
  readonly apiPath: string;
  readonly enginePath: string;
  readonly credentials?: { readonly username: string; readonly password: string } | undefined;
  readonly token?: string | undefined;
  readonly caFile?: string | undefined;
  readonly caPem?: string | undefined;
  readonly insecure: boolean;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly connections: number;
  readonly keepAliveTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly headers: Readonly<Record<string, string>>;
  readonly userAgent: string;
  readonly logger: OvirtLogger;
  readonly dispatcher?: Dispatcher | undefined;
}

/** The default logger: warnings to stderr, no debug output. */
const consoleLogger: OvirtLogger = {
  warn: (message, extra) => console.warn(message, extra ?? ''),
};

/**
 * resolveOvirtOptions validates `input`, applies the defaults and freezes the result.
 * Throws {@link ConfigError} naming the offending option; secrets never enter the message.
 *
 * @example
 * const options = resolveOvirtOptions({ url: 'https://engine.example', username: 'admin@internal', password });
 */
export function resolveOvirtOptions(input: OvirtClientOptions): ResolvedOvirtOptions {
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) throw configErrorFromIssues(parsed.error.issues);
  const o = parsed.data;
  const url = parseEngineUrl(o.url, o.allowHttp ?? false);
  checkTlsChoice(o.caFile, o.caPem, o.insecure ?? false);
  const base = o.retryBaseDelayMs ?? READ_RETRY_DEFAULTS.baseDelayMs;
  return Object.freeze({
    ...url,
    credentials: resolveCredentials(o.username, o.password, o.token),
    token: o.token,
    caFile: o.caFile,
    caPem: o.caPem,
    insecure: o.insecure ?? false,
    connectTimeoutMs: o.connectTimeoutMs ?? 10_000,
    headersTimeoutMs: o.headersTimeoutMs ?? 30_000,
    bodyTimeoutMs: o.bodyTimeoutMs ?? 30_000,
    timeoutMs: o.timeoutMs ?? 30_000,
    maxResponseBytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    connections: o.connections ?? 8,
    keepAliveTimeoutMs: o.keepAliveTimeoutMs ?? 4_000,
    retry: Object.freeze({ retries: o.retries ?? READ_RETRY_DEFAULTS.retries, baseDelayMs: base, maxDelayMs: Math.max(base, o.retryMaxDelayMs ?? READ_RETRY_DEFAULTS.maxDelayMs) }),
    headers: Object.freeze(checkExtraHeaders(o.headers ?? {})),
    userAgent: o.userAgent ?? `ovirt-pipeline-jobs/${CLIENT_VERSION}`,
    logger: o.logger ?? consoleLogger,
    dispatcher: o.dispatcher,
  });
}

/** @internal Turns the first schema issue into a ConfigError that names the option. */
function configErrorFromIssues(issues: readonly z.core.$ZodIssue[]): ConfigError {
  const issue = issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const known = Object.keys(optionsSchema.shape).join(', ');
    return new ConfigError(issue.keys.join(', '), `unknown oVirt client option. Known options: ${known}.`);
  }
  const name = issue?.path.map(String).join('.') || 'options';
  return new ConfigError(name, `invalid oVirt client option (${issue?.message ?? 'invalid value'}). Fix the value and try again.`);
}

/** @internal Requires either a token or a complete user@profile + password pair. */
function resolveCredentials(username?: string, password?: string, token?: string): ResolvedOvirtOptions['credentials'] {
  if (username !== undefined && password !== undefined) {
    if (!/^.+@[^@]+$/.test(username)) {
      throw new ConfigError('username', 'must be user@profile, for example admin@internal (the SSO splits it at the last @).');
    }
    return Object.freeze({ username, password });
  }
  // With a token, a half-given login is only a missing fallback, not a mistake worth failing on.
  if (token !== undefined) return undefined;
  if (username !== undefined || password !== undefined) {
    throw new ConfigError(username === undefined ? 'username' : 'password', 'username and password go together; set both (or give a token instead).');
  }
  throw new ConfigError('token', 'no credentials for oVirt: set username (user@profile) and password, or a ready SSO token.');
}

/** @internal A CA and `insecure` contradict each other; refuse rather than guess. */
function checkTlsChoice(caFile: string | undefined, caPem: string | undefined, insecure: boolean): void {
  if (caFile !== undefined && caPem !== undefined) {
    throw new ConfigError('caFile', 'set caFile or caPem, not both.');
  }
  if (insecure && (caFile !== undefined || caPem !== undefined)) {
    throw new ConfigError('insecure', 'insecure: true skips TLS verification, so a CA (caFile/caPem) makes no sense with it; drop one of them.');
  }
}

/** @internal Refuses headers the client owns or must never send, keeping the caller's spelling. */
function checkExtraHeaders(headers: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(headers)) {
    if (RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new ConfigError(`headers.${name}`, `the client sets or deliberately omits ${name} itself; remove it from headers.`);
    }
  }
  return { ...headers };
}
