/**
 * Routing below `/ovirt-engine/api`: the optional `/v4` prefix (any other `/vN` is an
 * unsupported version), matrix parameters on path segments (`/jobs;max=10`), and the route
 * table. Route keys such as 'POST /jobs/{id}/steps' name routes for stats and fault rules.
 */

/** RouteName names one API operation. */
export type RouteName =
  | 'root' | 'listJobs' | 'addJob' | 'getJob' | 'endJob' | 'clearJob'
  | 'listSteps' | 'addStep' | 'getStep' | 'endStep' | 'stepStatistics' | 'getUser';

const ROUTES: ReadonlyArray<{ pattern: readonly string[]; methods: Readonly<Record<string, RouteName>> }> = [
  { pattern: [], methods: { GET: 'root' } },
  { pattern: ['jobs'], methods: { GET: 'listJobs', POST: 'addJob' } },
  { pattern: ['jobs', '{id}'], methods: { GET: 'getJob' } },
  { pattern: ['jobs', '{id}', 'end'], methods: { POST: 'endJob' } },
  { pattern: ['jobs', '{id}', 'clear'], methods: { POST: 'clearJob' } },
  { pattern: ['jobs', '{id}', 'steps'], methods: { GET: 'listSteps', POST: 'addStep' } },
  { pattern: ['jobs', '{id}', 'steps', '{id}'], methods: { GET: 'getStep' } },
  { pattern: ['jobs', '{id}', 'steps', '{id}', 'end'], methods: { POST: 'endStep' } },
  { pattern: ['jobs', '{id}', 'steps', '{id}', 'statistics'], methods: { GET: 'stepStatistics' } },
  { pattern: ['users', '{id}'], methods: { GET: 'getUser' } },
];

/** ApiPath is a parsed path below the API prefix. */
export interface ApiPath {
  /** 'v4' for the explicit /v4 form, 'default' without, 'unsupported' for another /vN. */
  version: 'v4' | 'default' | 'unsupported';
  segments: string[];
  matrix: URLSearchParams;
}

/** RouteMatch is the outcome of matching a method and path. */
export type RouteMatch =
  | { kind: 'route'; key: string; name: RouteName; ids: string[] }
  | { kind: 'not-found'; key: string }
  | { kind: 'method-not-allowed'; key: string; allow: string };

/** parseApiPath splits the path after '/ovirt-engine/api' into segments and matrix parameters. */
export function parseApiPath(rest: string): ApiPath {
  const matrix = new URLSearchParams();
  const segments = rest.split('/').filter((segment) => segment !== '').map((segment) => {
    const [name = '', ...params] = segment.split(';');
    for (const param of params) {
      const [key = '', value = ''] = param.split('=');
      if (key !== '') matrix.append(safeDecode(key), safeDecode(value));
    }
    return safeDecode(name);
  });
  let version: ApiPath['version'] = 'default';
  const first = segments[0];
  if (first !== undefined && /^v\d+$/.test(first)) {
    version = first === 'v4' ? 'v4' : 'unsupported';
    segments.shift();
  }
  return { version, segments, matrix };
}

/** @internal A malformed escape stays as sent (it then fails as an unknown path or a non-UUID id). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** matchRoute finds the operation for a method and segments. */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
  for (const route of ROUTES) {
    if (route.pattern.length !== segments.length) continue;
    const ids: string[] = [];
    const fits = route.pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part === '{id}') ids.push(segment);
      return part === '{id}' || part === segment;
    });
    if (!fits) continue;
    const key = `${method} /${route.pattern.join('/')}`;
    const name = route.methods[method];
    if (name !== undefined) return { kind: 'route', key, name, ids };
    return { kind: 'method-not-allowed', key, allow: Object.keys(route.methods).join(', ') };
  }
  return { kind: 'not-found', key: `${method} (unknown)` };
}

/** routeKeyOf gives the stats/fault key of a request path without resolving ids. */
export function routeKeyOf(method: string, rest: string): string {
  const path = parseApiPath(rest);
  return matchRoute(method, path.segments).key;
}
