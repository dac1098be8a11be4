/**
 * A local, in-memory DynamoDB (dynalite) on loopback, for tests and local runs. It speaks the
 * real DynamoDB protocol but has no Transact*, TTL or backup APIs.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** The part of dynalite's (untyped, CommonJS) factory used here. */
type DynaliteFactory = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

const require = createRequire(import.meta.url);

/** DynaliteOptions: where to listen. */
export interface DynaliteOptions {
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

/** RunningDynalite is a started server: its endpoint URL and how to stop it. */
export interface RunningDynalite {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * startDynalite starts an in-memory dynalite. Tables become ACTIVE after 50 ms (dynalite's
 * default is 500 ms) so tests stay quick while table-creation code still has to wait.
 * @example const { endpoint, stop } = await startDynalite();
 */
export async function startDynalite(options: DynaliteOptions = {}): Promise<RunningDynalite> {
  const dynalite = require('dynalite') as DynaliteFactory;
  const server = dynalite({ createTableMs: 50, deleteTableMs: 50, updateTableMs: 50 });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    endpoint: `http://${urlHost}:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
