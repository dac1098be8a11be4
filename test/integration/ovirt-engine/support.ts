/**
 * Test support for the engine simulator's conformance tests: a fake clock, SSO login and a
 * raw HTTP caller that encodes bodies and decodes responses in XML or JSON on its own (it
 * shares nothing with the simulator's or the product client's encoding code), plus a
 * normaliser that maps both formats to one shape so a test body can run for each format.
 */
import { XMLParser } from 'fast-xml-parser';
import { startOvirtEngine } from '../../../src/local/ovirt-engine/index.js';
import type { OvirtEngineOptions, OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';

/** Format is the wire format a test runs in. */
export type Format = 'xml' | 'json';

/** FORMATS drives `describe.each`. */
export const FORMATS: Format[] = ['xml', 'json'];

/** DEFAULT_PASSWORD is the simulator's documented default password of admin@internal. */
export const DEFAULT_PASSWORD = 'ovirt-sim-password';

/** A UUID that no job or step ever has. */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** FakeClock is a settable clock for time-driven behaviour. */
export class FakeClock {
  t = Date.UTC(2024, 4, 2, 10, 15, 30, 123);
  now(): number {
    return this.t;
  }
  advanceMinutes(minutes: number): void {
    this.t += minutes * 60_000;
  }
}

/** startSim starts a simulator on an ephemeral loopback port. */
export function startSim(options: OvirtEngineOptions = {}): Promise<OvirtEngineSimulator> {
  return startOvirtEngine({ host: '127.0.0.1', port: 0, ...options });
}

/** ssoToken posts the password grant and returns status and parsed JSON. */
export async function ssoToken(sim: OvirtEngineSimulator, form: Record<string, string>, accept = 'application/json'): Promise<{ status: number; json: Record<string, string>; contentType: string | null }> {
  const response = await fetch(`${sim.url}/ovirt-engine/sso/oauth/token`, {
    method: 'POST',
    headers: { accept, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, json: (await response.json()) as Record<string, string>, contentType: response.headers.get('content-type') };
}

/** login returns an access token for a user (admin@internal by default). */
export async function login(sim: OvirtEngineSimulator, username = 'admin@internal', password = DEFAULT_PASSWORD): Promise<string> {
  const { status, json } = await ssoToken(sim, { grant_type: 'password', scope: 'ovirt-app-api', username, password });
  if (status !== 200 || json.access_token === undefined) throw new Error(`login failed: ${status} ${JSON.stringify(json)}`);
  return json.access_token;
}

/** Body is a neutral request body: scalars, or nested objects such as `parent_step: { id }`. */
export type Body = Record<string, string | number | boolean | Record<string, string>>;

/** encodeBody writes a body like the SDKs do: XML with `id` as attribute, JSON unwrapped with string scalars. */
export function encodeBody(root: string, body: Body, format: Format): string {
  if (format === 'json') {
    const json: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) json[key] = typeof value === 'object' ? value : String(value);
    return JSON.stringify(json);
  }
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const children = Object.entries(body).map(([key, value]) => {
    if (typeof value !== 'object') return `<${key}>${escape(String(value))}</${key}>`;
    const attrs = Object.entries(value).map(([name, text]) => ` ${name}="${escape(text)}"`).join('');
    return `<${key}${attrs}/>`;
  });
  return `<${root}>${children.join('')}</${root}>`;
}

/** ApiResult is a raw response plus its parsed and normalised body. */
export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  /** Root element name for XML ('job', 'fault', 'action', ...); undefined for JSON. */
  root?: string | undefined;
  /** Normalised body: attributes and children as keys, XML dates as epoch ms, lists as arrays. */
  body: Record<string, unknown>;
}

/** CallOptions tune one API call. */
export interface CallOptions {
  format?: Format;
  body?: string;
  headers?: Record<string, string>;
}

const xmlParser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, trimValues: false,
  isArray: (name, jPath) => name === 'link' || String(jPath) === 'jobs.job' || String(jPath).endsWith('steps.step'),
});
const DATE_FIELDS = new Set(['start_time', 'end_time', 'last_updated', 'time']);

/** call sends a request below the API prefix (`path` like '/jobs') with a bearer token. */
export async function call(sim: OvirtEngineSimulator, token: string | undefined, method: string, path: string, options: CallOptions = {}): Promise<ApiResult> {
  const format = options.format ?? 'xml';
  const mediaType = format === 'json' ? 'application/json' : 'application/xml';
  const headers: Record<string, string> = { accept: mediaType, ...options.headers };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = mediaType;
  const response = await fetch(`${sim.apiUrl}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ...parseResponse(text, response.headers.get('content-type')) };
}

/** @internal */
function parseResponse(text: string, contentType: string | null): { root?: string; body: Record<string, unknown> } {
  if (text === '' || contentType === null) return { body: {} };
  if (contentType.startsWith('application/json')) return { body: JSON.parse(text) as Record<string, unknown> };
  if (!contentType.startsWith('application/xml')) return { body: {} };
  const parsed = xmlParser.parse(text) as Record<string, unknown>;
  const root = Object.keys(parsed).find((key) => key !== '?xml') ?? '';
  const value = parsed[root];
  return { root, body: normaliseXml(typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown> };
}

/** @internal Converts XML dates to epoch ms so both formats compare equal. */
function normaliseXml(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseXml(item, key));
  if (typeof value === 'string') return DATE_FIELDS.has(key) ? Date.parse(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([name, item]) => name !== '#text' || String(item).trim() !== '');
  return Object.fromEntries(entries.map(([name, item]) => [name, normaliseXml(item, name)]));
}

/** items returns the entries of a collection body in either format (`{}` and `<jobs/>` are empty). */
export function items(result: ApiResult, item: 'job' | 'step'): Array<Record<string, unknown>> {
  const list = result.body[item];
  return Array.isArray(list) ? (list as Array<Record<string, unknown>>) : [];
}

/** field reads a nested field such as 'fault.detail' or 'owner.id' from a normalised body. */
export function field(body: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], body);
}

/** addJob adds a job and returns its id. */
export async function addJob(sim: OvirtEngineSimulator, token: string, format: Format, body: Body = { description: 'test job' }, headers: Record<string, string> = {}): Promise<string> {
  const result = await call(sim, token, 'POST', '/jobs', { format, body: encodeBody('job', body, format), headers });
  if (result.status !== 201) throw new Error(`add job failed: ${result.status} ${result.text}`);
  return String(result.body.id);
}

/** addStep adds a step (or sub-step with parent_step) below `jobId` and returns its id. */
export async function addStep(sim: OvirtEngineSimulator, token: string, format: Format, jobId: string, body: Body): Promise<string> {
  const result = await call(sim, token, 'POST', `/jobs/${jobId}/steps`, { format, body: encodeBody('step', body, format) });
  if (result.status !== 201) throw new Error(`add step failed: ${result.status} ${result.text}`);
  return String(result.body.id);
}

/** action posts an action body (end/clear) and returns the result. */
export function action(sim: OvirtEngineSimulator, token: string, format: Format, path: string, body: Body = {}): Promise<ApiResult> {
  return call(sim, token, 'POST', path, { format, body: encodeBody('action', body, format) });
}
