/**
 * Command line for the oVirt engine simulator (`npm run ovirt-sim -- [options]`). Prints one
 * line `oVirt engine simulator listening on <url>` (and with --tls a line naming the CA
 * file), then runs until SIGINT or SIGTERM and shuts down cleanly. Bad options exit with 2.
 */
import { parseArgs } from 'node:util';
import { startOvirtEngine } from './index.js';
import type { OvirtEngineOptions } from './types.js';
import { DEFAULT_USER } from './users.js';

const USAGE = `Usage: npm run ovirt-sim -- [options]

Options:
  --port N          port to listen on (default 8443 with --tls, 8080 without; 0 = any free port)
  --host ADDRESS    address to listen on (default 127.0.0.1)
  --tls             serve HTTPS with a generated CA (its file path is printed)
  --user NAME       login name including the profile (default ${DEFAULT_USER.name})
  --password TEXT   password of that user (default: the simulator's documented default)
  --state FILE      keep jobs and steps in FILE across restarts
  --help            show this help`;

/** UsageError is a bad command line; the CLI prints it with the usage and exits with 2. */
class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** parseCliOptions turns argv into simulator options, or throws a UsageError. */
export function parseCliOptions(argv: string[]): OvirtEngineOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' }, host: { type: 'string' }, tls: { type: 'boolean' }, user: { type: 'string' },
        password: { type: 'string' }, state: { type: 'string' }, help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return 'help';
  const tls = values.tls === true;
  const port = values.port === undefined ? (tls ? 8443 : 8080) : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got '${values.port ?? ''}'.`);
  }
  if (values.user !== undefined && !values.user.includes('@')) {
    throw new UsageError(`--user must include the profile, like admin@internal; got '${values.user}'.`);
  }
  const user = { name: values.user ?? DEFAULT_USER.name, password: values.password ?? DEFAULT_USER.password };
  return { port, host: values.host ?? '127.0.0.1', tls, users: [user], stateFile: values.state };
}

/** main runs the CLI. */
async function main(): Promise<void> {
  let options: OvirtEngineOptions | 'help';
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`ovirt-sim: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const sim = await startOvirtEngine(options);
  console.log(`oVirt engine simulator listening on ${sim.url}`);
  if (sim.caFile !== undefined) console.log(`CA certificate: ${sim.caFile}`);
  const shutdown = (): void => {
    sim.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`ovirt-sim: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`ovirt-sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
