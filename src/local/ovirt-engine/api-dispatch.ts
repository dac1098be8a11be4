/**
 * One API request after fault injection, in the engine's filter order: session and
 * authentication (401 page; the cookie of a session opened here is set on every later
 * answer) → `Version` (400, no body) → correlation id (echoed from here on) → route
 * (404/405, empty) → path ids (404 for a non-UUID) → handler. Handler faults are rendered
 * in the negotiated format; anything unexpected becomes a 500 fault.
 */
import type { IncomingMessage } from 'node:http';
import { bodyFormatOf, filterMode, responseFormat } from './api-context.js';
import type { ApiContext } from './api-context.js';
import { matchRoute, parseApiPath } from './api-routes.js';
import type { RouteName } from './api-routes.js';
import { unauthorizedPage } from './auth.js';
import type { Engine } from './engine.js';
import { EngineFault } from './errors.js';
import { emptyResponse, headerValue } from './http-io.js';
import type { SimResponse } from './http-io.js';
import { correlationIdFrom, parseUuid } from './ids.js';
import { addJobHandler, clearJobHandler, endJobHandler, getJob, listJobs } from './job-handlers.js';
import { faultResponse, serverErrorResponse } from './respond.js';
import { apiRoot } from './root-handler.js';
import { authenticateApiRequest } from './session-auth.js';
import { addStepHandler, endStepHandler, getStep, listSteps, stepStatistics } from './step-handlers.js';
import { getUser } from './user-handlers.js';

/** API_PREFIX is where the REST API lives. */
export const API_PREFIX = '/ovirt-engine/api';

type Handler = (ctx: ApiContext, ids: string[]) => Promise<SimResponse>;

const HANDLERS: Record<RouteName, Handler> = {
  root: apiRoot, listJobs, addJob: addJobHandler, getJob, endJob: endJobHandler, clearJob: clearJobHandler,
  listSteps, addStep: addStepHandler, getStep, endStep: endStepHandler, stepStatistics, getUser,
};

/** ApiRequest is the parsed request the dispatcher needs. */
export interface ApiRequest {
  req: IncomingMessage;
  url: URL;
  origin: string;
  body: string;
}

/** dispatchApi answers one API request. */
export async function dispatchApi(engine: Engine, request: ApiRequest): Promise<SimResponse> {
  const { req, url } = request;
  const { auth, setCookie } = authenticateApiRequest(engine, req);
  if (!auth.ok) return unauthorizedPage(auth.reason);
  // The session exists once authentication passed, so every later answer carries its cookie.
  const sessionHeaders: Record<string, string> = setCookie === undefined ? {} : { 'set-cookie': setCookie };
  const path = parseApiPath(url.pathname.slice(API_PREFIX.length));
  const version = headerValue(req, 'version');
  if ((version !== undefined && version.trim() !== '4') || path.version === 'unsupported') return emptyResponse(400, sessionHeaders);
  const params = new URLSearchParams([...path.matrix, ...url.searchParams]);
  const correlationId = correlationIdFrom(headerValue(req, 'correlation-id'), params.get('correlation_id') ?? undefined);
  const response = await routeAndHandle(request, {
    store: engine.store,
    now: () => engine.now(),
    user: auth.user,
    users: engine.users,
    format: responseFormat(params.get('accept') ?? headerValue(req, 'accept')),
    bodyFormat: bodyFormatOf(headerValue(req, 'content-type')),
    base: path.version === 'v4' ? `${API_PREFIX}/v4` : API_PREFIX,
    origin: request.origin,
    params,
    filtered: filterMode(headerValue(req, 'filter'), params.get('filter'), auth.user.admin),
    correlationId,
    offsetMinutes: engine.offsetMinutes,
    body: request.body,
  }, path.segments);
  return { ...response, headers: { ...response.headers, ...sessionHeaders, 'correlation-id': correlationId } };
}

/** @internal */
async function routeAndHandle(request: ApiRequest, ctx: ApiContext, segments: string[]): Promise<SimResponse> {
  const route = matchRoute(request.req.method ?? 'GET', segments);
  if (route.kind === 'not-found') return emptyResponse(404);
  if (route.kind === 'method-not-allowed') return emptyResponse(405, { allow: route.allow });
  const ids = route.ids.map(parseUuid);
  if (ids.some((id) => id === undefined)) return emptyResponse(404);
  try {
    return await HANDLERS[route.name](ctx, ids as string[]);
  } catch (error) {
    if (error instanceof EngineFault) return faultResponse(ctx, error);
    return serverErrorResponse(ctx, error instanceof Error ? error.message : String(error));
  }
}
