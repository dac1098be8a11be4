/**
 * Engine URL parsing: one place that decides the origin, the API base path and the engine
 * base path (where the SSO lives), and that refuses plain HTTP unless asked for.
 */
import { ConfigError } from '../../errors.js';

/** EngineUrl is where the client sends its requests. */
export interface EngineUrl {
  /** Scheme, host and port, e.g. `https://engine.example`. */
  readonly origin: string;
  /** API base path, e.g. `/ovirt-engine/api`. */
  readonly apiPath: string;
  /** Engine base path, e.g. `/ovirt-engine`; the SSO endpoints hang below it. */
  readonly enginePath: string;
}

const DEFAULT_ENGINE_PATH = '/ovirt-engine';

/**
 * parseEngineUrl accepts the engine address (`https://engine.example`) or its API URL
 * (`https://engine.example/ovirt-engine/api`). Any other path must end in `/api`, because the
 * SSO path is derived from it the way the official SDKs do (`…/api` → `…/sso/oauth/token`).
 * Throws {@link ConfigError} for anything else, and for `http:` unless `allowHttp` is set.
 *
 * @example
 * parseEngineUrl('https://engine.example', false).apiPath; // '/ovirt-engine/api'
 */
export function parseEngineUrl(raw: string, allowHttp: boolean): EngineUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new ConfigError('url', 'is not a valid URL; give the engine address, e.g. https://engine.example/ovirt-engine/api.', { cause });
  }
  if (url.protocol === 'http:' && !allowHttp) {
    throw new ConfigError(
      'url',
      `${url.origin} is plain HTTP, so passwords and tokens would travel unencrypted. Use https://, or set allowHttp: true for a local test engine.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('url', `scheme ${url.protocol} is not supported; use https://engine.example/ovirt-engine/api.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError('url', 'must not carry credentials, a query or a fragment; pass username/password as their own options.');
  }
  return { origin: url.origin, ...basePaths(url.pathname) };
}

/** @internal Splits the URL path into API and engine base paths. */
function basePaths(pathname: string): Pick<EngineUrl, 'apiPath' | 'enginePath'> {
  const path = pathname.replace(/\/+$/, '');
  if (path === '') return { apiPath: `${DEFAULT_ENGINE_PATH}/api`, enginePath: DEFAULT_ENGINE_PATH };
  if (path.endsWith('/api')) return { apiPath: path, enginePath: path.slice(0, -'/api'.length) };
  throw new ConfigError(
    'url',
    `path ${path} is not an oVirt API path; give the engine address (https://engine.example) or the API URL ending in /ovirt-engine/api.`,
  );
}
