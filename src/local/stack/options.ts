/**
 * Command-line options of the local stack (`npm start -- [options]`), parsed with
 * `node:util` parseArgs in strict mode so a mistyped option fails fast with the usage text.
 * A real engine's credentials come from the same environment variables the handlers read
 * (OVIRT_USERNAME, OVIRT_PASSWORD or OVIRT_TOKEN, OVIRT_CAFILE, OVIRT_INSECURE).
 */
import { parseArgs } from 'node:util';

/** DEFAULT_SPEED is how many times faster than recorded the demo pipelines play. */
export const DEFAULT_SPEED = 10;

/** DEFAULT_MONITOR_PORT is the task monitor's port (the simulator's usual TLS port). */
export const DEFAULT_MONITOR_PORT = 8443;

/** DEFAULT_SWEEP_SECONDS is the demo's sweep interval (in AWS the schedule runs every minute). */
export const DEFAULT_SWEEP_SECONDS = 5;

/** DEFAULT_LOG_BATCH_MS is how often the stub delivers its executions' log records. */
export const DEFAULT_LOG_BATCH_MS = 300;

/** DEFAULT_LOG_DUPLICATES is the chance that a log delivery is delivered twice (a retried delivery). */
export const DEFAULT_LOG_DUPLICATES = 0.1;

/** LogDeliveryOptions shape the stub's CloudWatch Logs deliveries to onExecutionLogs. */
export interface LogDeliveryOptions {
  /** False with --no-logs: status events and sweeps only. */
  readonly enabled: boolean;
  /** Milliseconds between two batches. */
  readonly batchMs: number;
  /** Chance (0..1) that a delivery is delivered a second time. */
  readonly duplicateProbability: number;
  /** Chance (0..1) that a delivery is lost. */
  readonly lossProbability: number;
  /** Seed of the stream split, duplicates and losses. */
  readonly seed: number;
}

/** StackOptions is a validated command line. */
export interface StackOptions {
  /** Scenario names to play; empty means the whole catalogue. */
  readonly scenarios: readonly string[];
  /** Playback speed: recorded gaps are divided by this. */
  readonly speed: number;
  /** API URL of a real oVirt engine; the simulator is not started when set. */
  readonly ovirtUrl?: string | undefined;
  /** Another Step Functions endpoint; the stub (and the demo catalogue) is not started when set. */
  readonly sfnEndpoint?: string | undefined;
  /** Exit once every scenario ended: 0 when all oVirt trees match the expected ones, else 1. */
  readonly exitWhenDone: boolean;
  /**
   * --outage: the product is down. The stub plays the demo, but no status event, log delivery
   * or sweep reaches the functions, so nothing is mirrored until `ovirt-pipeline-jobs backfill`.
   */
  readonly outage: boolean;
  /** Task monitor (simulator) port; 0 picks any free port. */
  readonly port: number;
  /** Seconds between two invocations of the sweep function. */
  readonly sweepSeconds: number;
  /** Seconds --exit-when-done waits for the trees to match once playback ended. */
  readonly settleSeconds: number;
  /** Echo serverless offline's own output. */
  readonly verbose: boolean;
  /** The stub's log deliveries (the push path). */
  readonly logs: LogDeliveryOptions;
}

/** STACK_USAGE is the text `--help` prints. */
export const STACK_USAGE = `Usage: npm start -- [options]
       npm run demo     (= npm start -- --exit-when-done --speed 200 --sweep-seconds 2)

Runs the product locally: an oVirt engine simulator (TLS) with its task monitor, dynalite with
the tracking table, a Step Functions stub playing demo pipelines, and the real handlers under
serverless offline. Ctrl-C stops everything.

Options:
  --scenario NAME       play only this demo scenario (repeatable; default: all)
  --speed N             playback speed, recorded time divided by N (default ${DEFAULT_SPEED})
  --port N              task monitor port (default ${DEFAULT_MONITOR_PORT}; 0 = any free port)
  --ovirt-url URL       use a real engine's API (https://engine/ovirt-engine/api) instead of the
                        simulator; credentials from OVIRT_USERNAME and OVIRT_PASSWORD (or
                        OVIRT_TOKEN), trust from OVIRT_CAFILE or OVIRT_INSECURE=true
  --sfn-endpoint URL    use another Step Functions endpoint instead of the stub (no demo
                        catalogue; set STATE_MACHINE_ARNS so the sweep discovers executions)
  --exit-when-done      exit when every scenario ended: 0 if every oVirt tree matches its
                        expected tree, otherwise print the differences and exit 1
  --sweep-seconds N     seconds between sweeps (default ${DEFAULT_SWEEP_SECONDS})
  --settle-seconds N    with --exit-when-done, how long to wait for the trees (default 60)
  --log-batch-ms N      the stub delivers its executions' log records to onExecutionLogs
                        every N ms (default ${DEFAULT_LOG_BATCH_MS})
  --log-duplicates P    chance (0..1) that a log delivery arrives twice (default ${DEFAULT_LOG_DUPLICATES})
  --log-loss P          chance (0..1) that a log delivery is lost (default 0; Express runs
                        then show events as not logged, Standard ones are repaired)
  --log-seed N          seed of the log streams' split, duplicates and losses (default 1)
  --no-logs             no log deliveries: status events and sweeps only
  --outage              the product is down: the pipelines play, but no status event, log
                        delivery or sweep reaches the functions — mirror them afterwards with
                        npx ovirt-pipeline-jobs backfill --state-machine <ARN> --stage local
  --verbose             also print serverless offline's output
  --help                show this help`;

/** StackUsageError is a bad command line; the CLI prints it with the usage and exits with 2. */
export class StackUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackUsageError';
  }
}

/** parseStackOptions turns argv (without node and script) into options, 'help', or a StackUsageError. */
export function parseStackOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): StackOptions | 'help' {
  const values = parseStrict(argv);
  if (values.help === true) return 'help';
  const ovirtUrl = values['ovirt-url'] === undefined ? undefined : httpUrl('--ovirt-url', values['ovirt-url']);
  const sfnEndpoint = values['sfn-endpoint'] === undefined ? undefined : httpUrl('--sfn-endpoint', values['sfn-endpoint']);
  const scenarios = values.scenario ?? [];
  if (sfnEndpoint !== undefined && (scenarios.length > 0 || values['exit-when-done'] === true)) {
    throw new StackUsageError('--scenario and --exit-when-done play the demo catalogue on the Step Functions stub; drop them or drop --sfn-endpoint.');
  }
  if (ovirtUrl !== undefined) checkEngineCredentials(env);
  if (values.outage === true && values['exit-when-done'] === true) {
    throw new StackUsageError('--outage mirrors nothing until you run backfill, so --exit-when-done could only fail; drop one of them.');
  }
  return {
    scenarios,
    speed: positiveNumber('--speed', values.speed, DEFAULT_SPEED, 100_000),
    ovirtUrl,
    sfnEndpoint,
    exitWhenDone: values['exit-when-done'] === true,
    outage: values.outage === true,
    port: wholeNumber('--port', values.port, DEFAULT_MONITOR_PORT, 0, 65_535),
    sweepSeconds: positiveNumber('--sweep-seconds', values['sweep-seconds'], DEFAULT_SWEEP_SECONDS, 3600),
    settleSeconds: positiveNumber('--settle-seconds', values['settle-seconds'], 60, 3600),
    verbose: values.verbose === true,
    logs: {
      enabled: values['no-logs'] !== true,
      batchMs: wholeNumber('--log-batch-ms', values['log-batch-ms'], DEFAULT_LOG_BATCH_MS, 10, 60_000),
      duplicateProbability: probability('--log-duplicates', values['log-duplicates'], DEFAULT_LOG_DUPLICATES),
      lossProbability: probability('--log-loss', values['log-loss'], 0),
      seed: wholeNumber('--log-seed', values['log-seed'], 1, 0, 4_294_967_295),
    },
  };
}

function parseStrict(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string', multiple: true },
        speed: { type: 'string' },
        port: { type: 'string' },
        'ovirt-url': { type: 'string' },
        'sfn-endpoint': { type: 'string' },
        'exit-when-done': { type: 'boolean' },
        'sweep-seconds': { type: 'string' },
        'settle-seconds': { type: 'string' },
        verbose: { type: 'boolean' },
        'log-batch-ms': { type: 'string' },
        'log-duplicates': { type: 'string' },
        'log-loss': { type: 'string' },
        'log-seed': { type: 'string' },
        'no-logs': { type: 'boolean' },
        outage: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new StackUsageError(error instanceof Error ? error.message : String(error));
  }
}

function positiveNumber(option: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new StackUsageError(`${option} must be a number above 0 and at most ${max}, got '${raw}'.`);
  }
  return value;
}

function probability(option: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !(value >= 0 && value <= 1)) {
    throw new StackUsageError(`${option} must be a number from 0 to 1, got '${raw}'.`);
  }
  return value;
}

function wholeNumber(option: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new StackUsageError(`${option} must be a whole number from ${min} to ${max}, got '${raw}'.`);
  }
  return Number(raw);
}

function httpUrl(option: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StackUsageError(`${option} must be an http:// or https:// URL, got '${raw}'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StackUsageError(`${option} must be an http:// or https:// URL, got '${raw}'.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new StackUsageError(`${option} must not contain credentials; put them in OVIRT_USERNAME and OVIRT_PASSWORD.`);
  }
  return raw.replace(/\/+$/, '');
}

function checkEngineCredentials(env: Readonly<Record<string, string | undefined>>): void {
  const set = (name: string): boolean => (env[name] ?? '').trim() !== '';
  if (set('OVIRT_TOKEN')) return;
  const missing = ['OVIRT_USERNAME', 'OVIRT_PASSWORD'].filter((name) => !set(name));
  if (missing.length > 0) {
    throw new StackUsageError(
      `--ovirt-url needs ${missing.join(' and ')} in the environment (user@profile and its password), or OVIRT_TOKEN.`,
    );
  }
}
