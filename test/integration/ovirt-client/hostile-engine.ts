/**
 * A hostile stand-in for the engine on 127.0.0.1: plain node:http, so a test controls the
 * bytes of each answer and their timing (a gateway's login page, an endless body, a body
 * that drips one byte a second). The SSO hands out a token unless the test routes the login
 * itself; every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOvirtClient, type OvirtClient, type OvirtClientOptions } from '../../../src/adapters/ovirt/index.js';

/** LOGIN_PATH is the SSO token endpoint below the default engine path. */
export const LOGIN_PATH = '/ovirt-engine/sso/oauth/token';

/** Route answers one request; it may answer slowly or never. */
export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** HostileEngine is a running stand-in. */
export interface HostileEngine {
  /** Requests seen so far, as `METHOD /path`. */
  readonly seen: string[];
  /** client builds a client for this stand-in (plain HTTP, quick retries); `overrides` win. */
  client(overrides?: Partial<OvirtClientOptions>): OvirtClient;
  /** apiRequests counts the requests below the API path. */
  apiRequests(): number;
  stop(): Promise<void>;
}

/** answerToken is the SSO's answer to a good password grant. */
export function answerToken(response: ServerResponse): void {
  send(response, 200, 'application/json', JSON.stringify({ access_token: 'hostile-token', token_type: 'bearer', exp: '9223372036854775807' }));
}

/** send answers at once with a complete body. */
export function send(response: ServerResponse, status: number, contentType: string | undefined, body: string): void {
  response.writeHead(status, contentType === undefined ? {} : { 'content-type': contentType });
  response.end(body);
}

/**
 * stream answers `status` and then writes `chunk` again and again, respecting back-pressure,
 * until `totalBytes` are out or the client goes away. Resolves to the bytes written.
 */
export function stream(response: ServerResponse, status: number, contentType: string, chunk: Buffer, totalBytes: number, headers: Record<string, string> = {}): Promise<number> {
  response.writeHead(status, { 'content-type': contentType, ...headers });
  return new Promise((resolve) => {
    let written = 0;
    let closed = false;
    response.on('close', () => {
      closed = true;
      resolve(written);
    });
    const pump = (): void => {
      while (!closed && written < totalBytes) {
        written += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!closed) response.end();
    };
    pump();
  });
}

/** drip answers `status` and then writes one byte of `body` per `everyMs` until it is out or the client goes away. */
export function drip(response: ServerResponse, status: number, contentType: string, body: string, everyMs = 1_000): void {
  response.writeHead(status, { 'content-type': contentType });
  const bytes = Buffer.from(body);
  let next = 0;
  const timer = setInterval(() => {
    if (next >= bytes.length) {
      clearInterval(timer);
      response.end();
      return;
    }
    response.write(bytes.subarray(next, next + 1));
    next += 1;
  }, everyMs);
  response.on('close', () => clearInterval(timer));
}

/** startHostileEngine listens on an ephemeral port of 127.0.0.1. `login` defaults to handing out a token. */
export async function startHostileEngine(api: Route, login: Route = (_request, response) => answerToken(response)): Promise<HostileEngine> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method ?? ''} ${request.url ?? ''}`);
    // Read the request body first, the way a real server does before answering.
    request.resume();
    request.on('end', () => (request.url === LOGIN_PATH ? login : api)(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const clients: OvirtClient[] = [];
  return {
    seen,
    client(overrides = {}) {
      const client = createOvirtClient({
        url: `http://127.0.0.1:${port}/ovirt-engine/api`,
        username: 'admin@internal',
        password: 'hostile-test-password',
        allowHttp: true,
        retryBaseDelayMs: 1,
        retryMaxDelayMs: 2,
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    apiRequests: () => seen.filter((line) => line.includes(' /ovirt-engine/api')).length,
    async stop() {
      await Promise.all(clients.map((client) => client.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
