/**
 * openSyncRuntime builds, for one run of the operator command, the same runtime the functions
 * build at cold start (src/runtime createRuntime over src/config loadConfig), with what a
 * command needs instead of what Lambda needs: the command's clock, log lines for people on
 * stderr instead of JSON on stdout, no EMF metrics, the password read from its secret once, and, for long
 * work, a Step Functions client that paces GetExecutionHistory.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { createSfnClient, createSfnHistoryReader, paceCalls } from '../adapters/sfn/index.js';
import type { CallPacer } from '../adapters/sfn/index.js';
import type { CommandContext, Output } from '../cli/command.js';
import { loadConfig } from '../config/index.js';
import type { Config } from '../config/index.js';
import { noCounters } from '../model/telemetry.js';
import type { Log } from '../model/telemetry.js';
import type { ReconcileDeps } from '../reconcile/deps.js';
import type { Runtime } from '../runtime/runtime.js';
import { createOperatorRuntime } from './operator-runtime.js';

/** SyncRuntime is what status, resync and backfill work with. */
export interface SyncRuntime {
  readonly config: Config;
  readonly runtime: Runtime;
  /** The reconcile dependencies, exactly as the functions get them (clock: the command's). */
  readonly deps: ReconcileDeps;
  /** The Step Functions client behind `deps.history` (for listing executions). */
  readonly sfn: SFNClient;
  /** The pacing tally, when `historyPerSecond` was given. */
  readonly pacer?: CallPacer | undefined;
}

/** SyncRuntimeOptions: pacing of GetExecutionHistory, and the backfill-only reconcile option. */
export interface SyncRuntimeOptions {
  /** GetExecutionHistory requests per second at most (all of this process's requests). */
  readonly historyPerSecond?: number | undefined;
  /** See ReconcileDeps.mirrorBeyondRetention: only backfill sets it. */
  readonly mirrorBeyondRetention?: boolean | undefined;
}

/** openSyncRuntime reads the configuration from `ctx.env` (a ConfigError says which variable is wrong) and builds the runtime. */
export async function openSyncRuntime(ctx: CommandContext, options: SyncRuntimeOptions = {}): Promise<SyncRuntime> {
  const config = loadConfig(ctx.env);
  const log = operatorLog(ctx.out);
  const sfn = createSfnClient({ region: config.region, endpoint: config.sfnEndpoint });
  const pacer =
    options.historyPerSecond === undefined ? undefined : paceCalls(sfn, { operations: ['GetExecutionHistory'], perSecond: options.historyPerSecond });
  const history = createSfnHistoryReader({ client: sfn, logger: log });
  // No metrics: the command reports what it did itself, and stdout is the operator's.
  const runtime = createOperatorRuntime(config, { now: ctx.now, history, log, counters: noCounters });
  const secret = config.ovirt.passwordSecret;
  const password = secret === undefined ? undefined : await runtime.readPassword(secret);
  const deps: ReconcileDeps = { ...runtime.deps(password), mirrorBeyondRetention: options.mirrorBeyondRetention === true };
  return { config, runtime, deps, sfn, pacer };
}

/**
 * operatorLog prints the product's warnings and errors on stderr as one line each; info and
 * debug lines (what a function logs for every sync) are left out: the command reports outcomes itself.
 */
export function operatorLog(out: Output): Log {
  const print = (level: string) => (message: string, extra?: Record<string, unknown>) => {
    out.warn(`${level}: ${message}${fieldsOf(extra)}`);
  };
  return { debug: () => undefined, info: () => undefined, warn: print('warning'), error: print('error') };
}

function fieldsOf(extra: Record<string, unknown> | undefined): string {
  const shown = Object.entries(extra ?? {}).filter(
    (entry): entry is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof entry[1]),
  );
  return shown.length === 0 ? '' : ` (${shown.map(([key, value]) => `${key}: ${String(value)}`).join(', ')})`;
}
