/**
 * The oVirt engine simulator's programmatic API. `startOvirtEngine` starts a local engine
 * that speaks the REST API (XML and JSON), the SSO token/logout endpoints and the engine's
 * job/step semantics, plus a task-monitor page at `/` and admin endpoints under `/__sim`.
 *
 * @example
 * const sim = await startOvirtEngine();
 * // POST `${sim.apiUrl}/jobs` after a token from `${sim.url}/ovirt-engine/sso/oauth/token`
 * await sim.stop();
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from './engine.js';
import { FaultInjector } from './faults.js';
import { createRequestListener } from './server.js';
import { createStateView } from './state-view.js';
import { StatsCounter } from './stats.js';
import { createTlsMaterial } from './tls.js';
import type { OvirtEngineOptions, OvirtEngineSimulator } from './types.js';

export type {
  FaultKind, FaultRule, OvirtEngineOptions, OvirtEngineSimulator, SimClock, SimFaults, SimJobView, SimStateView,
  SimStats, SimStepView, SimUser,
} from './types.js';
export { DEFAULT_USER } from './users.js';

/** startOvirtEngine starts a simulator and resolves once it listens. */
export async function startOvirtEngine(options: OvirtEngineOptions = {}): Promise<OvirtEngineSimulator> {
  const host = options.host ?? '127.0.0.1';
  const engine = new Engine(options);
  const faults = new FaultInjector(options.seed ?? 1);
  const stats = new StatsCounter();
  const tls = options.tls === true ? createTlsMaterial(host) : undefined;
  const listener = createRequestListener({ engine, faults, stats, scheme: tls === undefined ? 'http' : 'https' });
  const server: Server = tls === undefined
    ? createHttpServer(listener)
    : createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, listener);
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    engine.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `${tls === undefined ? 'http' : 'https'}://${hostPart}:${port}`;
  const caDir = tls === undefined ? undefined : mkdtempSync(join(tmpdir(), 'ovirt-sim-ca-'));
  const caFile = caDir === undefined ? undefined : join(caDir, 'ca.pem');
  if (caFile !== undefined && tls !== undefined) writeFileSync(caFile, tls.caPem);
  return {
    url,
    apiUrl: `${url}/ovirt-engine/api`,
    caPem: tls?.caPem,
    caFile,
    state: createStateView(engine.store),
    faults,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    runCleanupNow: () => void engine.runCleanupNow(),
    restart: () => engine.restart(),
    revokeAllTokens: () => engine.tokens.revokeAll(),
    stop: async () => {
      engine.stop();
      await close(server);
      if (caDir !== undefined) rmSync(caDir, { recursive: true, force: true });
    },
  };
}

/** @internal */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new Error(`The oVirt engine simulator cannot listen on ${host}:${port} (${error.code ?? error.message}); choose another port or host.`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** @internal Closes the server, dropping idle keep-alive connections so stop() does not hang. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
