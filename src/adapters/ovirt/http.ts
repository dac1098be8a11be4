/**
 * One HTTP exchange with the engine: send, stream the body in up to a byte cap, parse JSON,
 * time it and log a debug line (method, path, status, duration; never headers or bodies,
 * which carry secrets). The whole exchange (connect, headers, body) runs under one deadline.
 * Failures without a usable answer become typed errors here; error statuses are returned for
 * the caller to classify, because what a 401 means depends on the caller.
 */
import type { Dispatcher } from 'undici';
import { abortReason } from './abort.js';
import { errorFromTransport, responseTooLarge, timedOut, type RequestContext } from './error-mapping.js';
import type { OvirtLogger } from './options.js';

/** Transport is what every exchange needs: where to send, how long to wait, how much to read, where to log. */
export interface Transport {
  readonly dispatcher: Dispatcher;
  readonly origin: string;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  /** Bound on one exchange as a whole: connect, headers and the whole body. */
  readonly timeoutMs: number;
  /** Most bytes of an answer body read; past it the exchange fails. */
  readonly maxResponseBytes: number;
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
  /** The parsed JSON; a string when the body is not JSON (HTML, XML, text); undefined when empty. */
  readonly body: unknown;
  readonly contentType?: string | undefined;
  readonly durationMs: number;
}

/**
 * send performs one exchange. It rejects with the signal's reason when `signal` aborts
 * (before or during the exchange); with a retryable OvirtUnavailableError (ETIMEDOUT) when
 * the exchange outlasts `timeoutMs`; with a non-retryable one when the body is larger than
 * `maxResponseBytes` (reading stops there); with OvirtUnavailableError when no answer came.
 * Otherwise it resolves with the answer whatever its status.
 */
export async function send(transport: Transport, request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
  if (signal?.aborted) throw abortReason(signal);
  const ctx: RequestContext = { method: request.method, path: request.path, origin: transport.origin, idempotent: request.idempotent };
  const started = performance.now();
  const exchange = new AbortController();
  const onCallerAbort = (): void => exchange.abort(signal?.reason);
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  const deadline = setTimeout(() => exchange.abort(new DOMException('oVirt request deadline', 'TimeoutError')), transport.timeoutMs);
  let stage: 'headers' | 'body' = 'headers';
  let status: number | undefined;
  let answer: { status: number; text: string; contentType?: string | undefined };
  try {
    const raw = await transport.dispatcher.request({
      origin: transport.origin,
      path: request.path,
      method: request.method,
      headers: { ...request.headers },
      body: request.body ?? null,
      signal: exchange.signal,
      headersTimeout: transport.headersTimeoutMs,
      bodyTimeout: transport.bodyTimeoutMs,
    });
    stage = 'body';
    status = raw.statusCode;
    const text = await readCapped(raw.body, headerValue(raw.headers['content-length']), transport.maxResponseBytes);
    answer = { status: raw.statusCode, text, contentType: headerValue(raw.headers['content-type']) };
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal);
    const mapped = error instanceof BodyTooLarge
      ? responseTooLarge(ctx, transport.maxResponseBytes, status ?? 0)
      : exchange.signal.aborted
        ? timedOut(ctx, transport.timeoutMs, stage)
        : errorFromTransport(error, ctx);
    transport.logger.debug?.('oVirt request failed', { method: request.method, path: request.path, code: mapped.code, durationMs: elapsed(started) });
    throw mapped;
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', onCallerAbort);
  }
  const durationMs = elapsed(started);
  transport.logger.debug?.('oVirt request', { method: request.method, path: request.path, status: answer.status, durationMs });
  return { path: request.path, status: answer.status, body: parseBody(answer.text, answer.contentType), contentType: answer.contentType, durationMs };
}

/** @internal Thrown by readCapped; send turns it into the typed error. */
class BodyTooLarge extends Error {}

/**
 * @internal Reads the body as UTF-8 text, refusing it as soon as it is known to exceed `cap`
 * bytes: at once when Content-Length announces more, otherwise when the bytes read cross it.
 * Leaving the stream early destroys it, which closes the connection instead of draining it.
 */
async function readCapped(body: AsyncIterable<Uint8Array> & { destroy(): unknown }, contentLength: string | undefined, cap: number): Promise<string> {
  if (contentLength !== undefined && Number(contentLength) > cap) {
    body.destroy();
    throw new BodyTooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > cap) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString('utf8');
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
