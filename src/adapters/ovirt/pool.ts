/**
 * The undici connection pool for one engine origin: keep-alive sockets, connect timeout and
 * TLS trust. Built once per client (once per cold start) and reused by every call.
 */
import { Pool } from 'undici';
import type { ResolvedOvirtOptions } from './options.js';
import { tlsConnectOptions } from './tls.js';

/**
 * createEnginePool opens a keep-alive {@link Pool} to `options.origin`. Header and body
 * timeouts are set per request by the transport as well, so an injected dispatcher gets them
 * too. For `https:` the TLS trust comes from {@link tlsConnectOptions} (throws ConfigError for
 * an unreadable or non-PEM CA).
 *
 * @example
 * const pool = createEnginePool(resolveOvirtOptions({ url, username, password, caFile }));
 */
export function createEnginePool(options: ResolvedOvirtOptions): Pool {
  const https = options.origin.startsWith('https:');
  return new Pool(options.origin, {
    connections: options.connections,
    connectTimeout: options.connectTimeoutMs,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    keepAliveTimeout: options.keepAliveTimeoutMs,
    connect: https ? { ...tlsConnectOptions(options, options.logger) } : {},
  });
}
