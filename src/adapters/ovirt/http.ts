/**
 * One HTTP exchange with the engine: send, read the whole body, parse JSON, time it and log
 * a debug line (method, path, status, duration; never headers or bodies, which carry
 * secrets). Failures without an answer become typed errors here; error statuses are returned
 * for the caller to classify, because what a 401 means depends on the caller.
 */
import type { Dispatcher } from 'undici';
import { abortReason } from './abort.js';
import { errorFromTransport, type RequestContext } from './error-mapping.js';
import type { OvirtLogger } from './options.js';

/** Transport is what every exchange needs: where to send, how long to wait, where to log. */
export interface Transport {
  readonly dispatcher: Dispatcher;
  readonly origin: string;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly logger: OvirtLogger;
}

/** HttpRequest is one request, path absolute from the origin. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  /** False for adds; only shapes error messages (a lost answer may hide an applied add). */
  readonly idempotent: boolean;
}

/** HttpResponse is an answer of any status, body parsed as JSON when it is JSON. */
export interface HttpResponse {
  /** Path the request went to (absolute from the origin), for error messages. */
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string | undefined;
  readonly durationMs: number;
}

/**
 * send performs one exchange. It rejects with the signal's reason when `signal` aborts
 * (before or during the exchange), with OvirtUnavailableError when no answer came, and
 * otherwise resolves with the answer whatever its status.
 */
export async function send(transport: Transport, request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
  if (signal?.aborted) throw abortReason(signal);
  const ctx: RequestContext = { method: request.method, path: request.path, origin: transport.origin, idempotent: request.idempotent };
  const started = performance.now();
  let answer: { status: number; text: string; contentType?: string | undefined };
  try {
    const raw = await transport.dispatcher.request({
      origin: transport.origin,
      path: request.path,
      method: request.method,
      headers: { ...request.headers },
      body: request.body ?? null,
      signal: signal ?? null,
      headersTimeout: transport.headersTimeoutMs,
      bodyTimeout: transport.bodyTimeoutMs,
    });
    answer = { status: raw.statusCode, text: await raw.body.text(), contentType: headerValue(raw.headers['content-type']) };
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal);
    const mapped = errorFromTransport(error, ctx);
    transport.logger.debug?.('oVirt request failed', { method: request.method, path: request.path, code: mapped.code, durationMs: elapsed(started) });
    throw mapped;
  }
  const durationMs = elapsed(started);
  transport.logger.debug?.('oVirt request', { method: request.method, path: request.path, status: answer.status, durationMs });
  return { path: request.path, status: answer.status, body: parseBody(answer.text, answer.contentType), contentType: answer.contentType, durationMs };
}

/** @internal Milliseconds since `started`, rounded to 0.1 ms. */
function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** @internal First value of a header that may repeat. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * @internal Parses JSON bodies. Matches on the media type prefix only (the engine may add a
 * charset, reference open question 8) and also tries bodies that look like JSON; anything
 * else (an HTML error page) is kept as text, and an empty body is undefined.
 */
function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === '') return undefined;
  const looksJson = contentType?.toLowerCase().includes('json') || /^\s*[[{]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
