/**
 * ApiContext is everything an API handler needs about one request past authentication:
 * caller, response and body formats (Accept / `accept`, Content-Type), filter mode, the
 * cleaned correlation id, the href prefix (`/v4` kept) and merged query/matrix parameters.
 */
import type { EngineStore } from './store.js';
import type { DirectoryUser, UserDirectory } from './users.js';
import type { BodyFormat } from './body-input.js';

/** ApiContext describes one authenticated API request. */
export interface ApiContext {
  readonly store: EngineStore;
  readonly now: () => number;
  readonly user: DirectoryUser;
  /** Every account, for reads of users other than the caller. */
  readonly users: UserDirectory;
  /** Format of the response (XML unless JSON was asked for). */
  readonly format: BodyFormat;
  /** Format of the request body (by Content-Type). */
  readonly bodyFormat: BodyFormat;
  /** '/ovirt-engine/api' or '/ovirt-engine/api/v4'. */
  readonly base: string;
  /** 'http(s)://host:port' as the client addressed us. */
  readonly origin: string;
  readonly params: URLSearchParams;
  readonly filtered: boolean;
  readonly correlationId: string;
  readonly offsetMinutes: number;
  readonly body: string;
}

/** responseFormat picks JSON when `application/json` is the first XML/JSON media type asked for. */
export function responseFormat(accept: string | undefined): BodyFormat {
  if (accept === undefined) return 'xml';
  const types = accept.split(',').map((part) => (part.split(';')[0] ?? '').trim().toLowerCase());
  for (const type of types) {
    if (type === 'application/json') return 'json';
    if (type === 'application/xml' || type === 'text/xml') return 'xml';
  }
  return 'xml';
}

/** bodyFormatOf reads a request body as JSON when its Content-Type says so, XML otherwise. */
export function bodyFormatOf(contentType: string | undefined): BodyFormat {
  return contentType !== undefined && /json/i.test(contentType) ? 'json' : 'xml';
}

/** filterMode is the `Filter` header / `filter` parameter; it defaults to true for non-admins. */
export function filterMode(header: string | undefined, query: string | null, admin: boolean): boolean {
  const raw = header ?? query ?? undefined;
  if (raw === undefined) return !admin;
  const value = raw.trim().toLowerCase();
  return value === 'true' || value === '1';
}
