/**
 * The response value every handler returns (instead of writing to the socket itself), so the
 * server can decide afterwards to send it, or, for the 'reset-after-apply' fault, to drop the
 * connection after the change was applied. Plus body reading and small builders.
 */
import type { IncomingMessage } from 'node:http';

/** SimResponse is a complete HTTP answer. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | undefined;
}

/** MAX_BODY_BYTES bounds request bodies (the engine's practical limit is the HTTP request size). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** readBody reads the whole request body as UTF-8 text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`Request body larger than ${MAX_BODY_BYTES} bytes; send a smaller body.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** jsonResponse answers with a JSON body. */
export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: `${JSON.stringify(value)}\n` };
}

/** emptyResponse answers with no body. */
export function emptyResponse(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-length': '0', ...headers } };
}

/** htmlResponse answers with an HTML page. */
export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'text/html;charset=UTF-8', ...headers }, body: html };
}

/** headerValue returns a request header as one string (repeated headers joined like Node does). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
