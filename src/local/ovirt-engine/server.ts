/**
 * The HTTP(S) front of the simulator: routes each request to the monitor page, the admin
 * endpoints, the SSO or the REST API, and applies fault injection to SSO and API requests
 * (latency, 500, 503, connection reset before or after the change is applied, and 200
 * answers that are not what they seem: a login page, `{}`, a failed action).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_PREFIX, dispatchAdmin } from './admin.js';
import type { AdminDeps } from './admin.js';
import { responseFormat } from './api-context.js';
import { API_PREFIX, dispatchApi } from './api-dispatch.js';
import { routeKeyOf } from './api-routes.js';
import type { FaultDecision } from './faults.js';
import { emptyResponse, headerValue, htmlResponse, jsonResponse, readBody } from './http-io.js';
import type { SimResponse } from './http-io.js';
import { monitorPage } from './monitor-page.js';
import { actionEntity, faultEntity } from './render-entities.js';
import { docResponse, serverErrorResponse } from './respond.js';
import { logoutEndpoint, tokenEndpoint } from './sso.js';

/** SSO paths served by the simulator. */
const TOKEN_PATH = '/ovirt-engine/sso/oauth/token';
const LOGOUT_PATH = '/ovirt-engine/services/sso-logout';

/** ServerDeps is what the request listener works with. */
export interface ServerDeps extends AdminDeps {
  scheme: 'http' | 'https';
}

type Area = 'api' | 'token' | 'logout';

/** createRequestListener returns the `request` handler of the node:http(s) server. */
export function createRequestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: `Simulator error: ${message}\n` });
      else res.destroy();
    });
  };
}

/** @internal */
function areaOf(path: string): Area | undefined {
  if (path === TOKEN_PATH) return 'token';
  if (path === LOGOUT_PATH) return 'logout';
  if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) || path.startsWith(`${API_PREFIX};`)) return 'api';
  return undefined;
}

/** @internal */
async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  if (url.pathname === '/') return send(res, method === 'GET' ? monitorPage() : emptyResponse(405, { allow: 'GET' }));
  if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
    return send(res, dispatchAdmin(deps, method, url.pathname, await readBody(req)));
  }
  const area = areaOf(url.pathname);
  if (area === undefined) return send(res, emptyResponse(404));
  const routeKey = area === 'api' ? routeKeyOf(method, url.pathname.slice(API_PREFIX.length)) : `${method} ${url.pathname.replace('/ovirt-engine', '')}`;
  deps.stats.request(method, routeKey);
  const decision = deps.faults.decide(method, routeKey);
  // The body is read before the injected latency: a real engine that received a request
  // applies it even if the client gave up waiting (timeout, abort) meanwhile.
  const body = await readBody(req);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  const early = earlyFailure(decision, req);
  if (early === 'reset') return reset(deps, req);
  if (early !== undefined) return record(deps, res, early);
  const origin = `${deps.scheme}://${req.headers.host ?? 'localhost'}`;
  const response = await answer(deps, area, req, url, origin, body);
  if (decision.failure === 'reset-after-apply') return reset(deps, req);
  // A proxy or gateway that lost the document: the change happened, the 200 says nothing.
  if (decision.failure === 'empty-200') return record(deps, res, jsonResponse(200, {}));
  record(deps, res, response);
}

/** @internal Failures injected before anything is applied. */
function earlyFailure(decision: FaultDecision, req: IncomingMessage): SimResponse | 'reset' | undefined {
  switch (decision.failure) {
    case 'reset-before-apply':
      return 'reset';
    case 'http-500': {
      const format = responseFormat(headerValue(req, 'accept'));
      return serverErrorResponse({ format, offsetMinutes: 0 }, 'Injected fault: simulated internal server error.');
    }
    case 'login-page-200':
      // What an SSO front (or a misrouted proxy) answers a request it did not pass on.
      return htmlResponse(200, '<!DOCTYPE html><html><head><title>oVirt Engine - Login</title></head><body>' +
        '<form method="post" action="/ovirt-engine/sso/login"><input name="username"/><input name="password" type="password"/>' +
        '<button type="submit">Log In</button></form></body></html>');
    case 'action-failed-200': {
      const format = responseFormat(headerValue(req, 'accept'));
      const fault = faultEntity('Operation Failed', 'Injected fault: the action failed.');
      return docResponse({ format, offsetMinutes: 0 }, 200, { kind: 'entity', root: 'action', entity: actionEntity(undefined, { status: 'failed', fault }) });
    }
    case 'http-503':
      return htmlResponse(503, '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1>' +
        '<p>The server is temporarily unable to service your request. Please try again later.</p></body></html>');
    default:
      return undefined;
  }
}

/** @internal */
async function answer(deps: ServerDeps, area: Area, req: IncomingMessage, url: URL, origin: string, body: string): Promise<SimResponse> {
  if (area === 'api') return dispatchApi(deps.engine, { req, url, origin, body });
  if (req.method !== 'POST') return emptyResponse(405, { allow: 'POST' });
  const form = new URLSearchParams(body);
  const ssoRequest = { accept: headerValue(req, 'accept'), form, now: deps.engine.now() };
  return area === 'token' ? tokenEndpoint(ssoRequest, deps.engine.users, deps.engine.tokens) : logoutEndpoint(ssoRequest, deps.engine.tokens);
}

/** @internal */
function record(deps: ServerDeps, res: ServerResponse, response: SimResponse): void {
  deps.stats.outcome(response.status);
  send(res, response);
}

/** @internal Sends a TCP reset so the client sees the connection die without an answer. */
function reset(deps: ServerDeps, req: IncomingMessage): void {
  deps.stats.outcome('reset');
  const socket = req.socket as Socket & { resetAndDestroy?: () => Socket };
  // A TLS socket cannot send a TCP RST through the TLS layer ("handle type cannot be sent");
  // destroying it still ends the connection without an answer, which is what clients must face.
  try {
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
  } catch {
    socket.destroy();
  }
}

/** @internal */
function send(res: ServerResponse, response: SimResponse): void {
  const headers = { ...response.headers };
  if (response.body !== undefined) headers['content-length'] = String(Buffer.byteLength(response.body));
  res.writeHead(response.status, headers);
  res.end(response.body);
}
