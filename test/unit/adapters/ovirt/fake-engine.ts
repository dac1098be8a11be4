/**
 * A scripted engine on undici's MockAgent, for fault shapes and request details the
 * simulator cannot show (exact headers of each request, a header timeout, a TLS failure).
 * Every request is recorded; `route` decides each answer, and may throw to fail the
 * exchange the way the network would.
 */
import { MockAgent } from 'undici';
import { createOvirtClient, type OvirtClient, type OvirtClientOptions } from '../../../../src/adapters/ovirt/index.js';

/** ORIGIN is where the fake engine answers. */
export const ORIGIN = 'https://engine.test';
/** PASSWORD is the password every test client logs in with; it must never show up in output. */
export const PASSWORD = 'S3cret-pa55word';

/** Recorded is one request as the engine received it. */
export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
}

/** Reply is a scripted answer; `json` is serialized, `text` sent as is. */
export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
}

/** Route decides the answer to one request, given every request so far. */
export type Route = (request: Recorded, calls: readonly Recorded[]) => Reply | Promise<Reply>;

/** tokenReply is the SSO's answer to a good password grant. */
export const tokenReply = (token: string): Reply => ({
  status: 200,
  json: { access_token: token, token_type: 'bearer', scope: 'ovirt-app-api', exp: '9223372036854775807' },
});

/** unauthorized is the servlet container's 401 page (docs/ovirt-engine-behaviour.md#unauthorized). */
export const unauthorized: Reply = { status: 401, text: '<html><head><title>Error</title></head><body>Unauthorized</body></html>', contentType: 'text/html' };

/** fakeEngine creates the scripted engine and a factory of clients wired to it. */
export function fakeEngine(route: Route) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const calls: Recorded[] = [];
  agent
    .get(ORIGIN)
    .intercept({ path: () => true, method: () => true })
    .reply(async (opts) => {
      const recorded: Recorded = {
        method: opts.method,
        path: opts.path,
        headers: { ...(opts.headers as Record<string, string>) },
        body: typeof opts.body === 'string' ? opts.body : undefined,
      };
      calls.push(recorded);
      const reply = await route(recorded, calls);
      const data = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
      const contentType = reply.contentType ?? (reply.json === undefined ? undefined : 'application/json');
      return { statusCode: reply.status, data, responseOptions: { headers: contentType ? { 'content-type': contentType } : {} } };
    })
    .persist();
  const client = (options: Partial<OvirtClientOptions> = {}): OvirtClient =>
    createOvirtClient({ url: ORIGIN, username: 'admin@internal', password: PASSWORD, dispatcher: agent, retryBaseDelayMs: 1, retryMaxDelayMs: 2, ...options });
  const apiCalls = () => calls.filter((call) => call.path.startsWith('/ovirt-engine/api'));
  const logins = () => calls.filter((call) => call.path === '/ovirt-engine/sso/oauth/token');
  return { agent, calls, apiCalls, logins, client };
}

/** isLogin tells whether a recorded request is the SSO password grant. */
export const isLogin = (request: Recorded): boolean => request.path === '/ovirt-engine/sso/oauth/token';
