/**
 * The AWS JSON 1.0 protocol's plumbing, shared by the local stubs that speak it (Step Functions,
 * SQS): reading a request body, reading it as a JSON object, and writing a JSON answer with the
 * headers the SDK reads (content type, request id, and any the caller adds, such as
 * `x-amzn-errortype`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** readBody reads the whole request body as UTF-8 text. @internal */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** jsonObjectOf reads a request body as a JSON object: `{}` when it is empty, undefined when it is no JSON object. @internal */
export function jsonObjectOf(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON: undefined below
  }
  return undefined;
}

/** sendJson answers with `payload` as JSON, unless the answer has already begun or the socket is gone. @internal */
export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID(), ...headers });
  res.end(text);
}
