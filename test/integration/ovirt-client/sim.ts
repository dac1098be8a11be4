/**
 * Shared set-up for the client's integration tests: a simulator with one known user, and a
 * client pointed at it with quick retries (the backoff itself is unit-tested).
 */
import { createOvirtClient, type OvirtClient, type OvirtClientOptions } from '../../../src/adapters/ovirt/index.js';
import { startOvirtEngine, type OvirtEngineOptions, type OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';

/** USER is the one account the test simulators know. */
export const USER = 'admin@internal';
/** PASSWORD is {@link USER}'s password. */
export const PASSWORD = 'pw-for-integration-tests';

/** startSim starts a simulator (TLS unless told otherwise) that knows {@link USER}. */
export function startSim(options: OvirtEngineOptions = {}): Promise<OvirtEngineSimulator> {
  return startOvirtEngine({ tls: true, users: [{ name: USER, password: PASSWORD }], ...options });
}

/** clientFor builds a client for `sim` that trusts its CA; `overrides` win. */
export function clientFor(sim: OvirtEngineSimulator, overrides: Partial<OvirtClientOptions> = {}): OvirtClient {
  return createOvirtClient({
    url: sim.apiUrl,
    username: USER,
    password: PASSWORD,
    caPem: sim.caPem,
    allowHttp: sim.url.startsWith('http:'),
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 40,
    ...overrides,
  });
}

/** requestsTo counts the requests the simulator saw for one route key ('GET /jobs/{id}'). */
export function requestsTo(sim: OvirtEngineSimulator, routeKey: string): number {
  return sim.stats().byRoute[routeKey] ?? 0;
}

/** LOGIN_ROUTE is the simulator's route key of the SSO token endpoint. */
export const LOGIN_ROUTE = 'POST /sso/oauth/token';
