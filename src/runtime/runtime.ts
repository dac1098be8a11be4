/**
 * createRuntime is the composition root: from Config it builds, once per cold start, the
 * SDK clients, the undici pool of the oVirt client, the logger and metrics, and hands out
 * ReconcileDeps. The oVirt client is rebuilt only if the password changes (secret rotation).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config/index.js';
import { createDynamoClient, DynamoHistoryBudget, DynamoTrackingStore } from '../adapters/dynamo/index.js';
import { createOvirtClient } from '../adapters/ovirt/index.js';
import { createSfnClient, createSfnHistoryReader } from '../adapters/sfn/index.js';
import type { Counters, Log } from '../model/telemetry.js';
import type { HistoryBudget, HistoryReader, OvirtJobs, TrackingStore } from '../ports.js';
import type { ReconcileDeps } from '../reconcile/deps.js';
import { acceptsStateMachine } from './accepts.js';
import type { PasswordSource } from './password-secret.js';
import { createPasswordSource } from './password-secret.js';
import { asCounters, asLog, createLogger, createMetrics } from './telemetry.js';

/** Runtime is what the handlers hold for the life of the container. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly log: Log;
  readonly counters: Counters;
  readonly history: HistoryReader;
  readonly store: TrackingStore;
  /** The push path's share of the GetExecutionHistory quota (PUSH_HISTORY_READS_PER_SECOND), shared by all invocations. */
  readonly historyBudget: HistoryBudget;
  /** Reads the password secret (OVIRT_PASSWORD_SECRET), cached and re-read for rotation. */
  readonly readPassword: PasswordSource;
  accepts(stateMachineArn: string): boolean;
  /** deps returns the reconcile dependencies; `password` comes from the secret middleware when configured. */
  deps(password?: string): ReconcileDeps;
}

/** RuntimeOverrides replaces built parts (tests, local tools). */
export interface RuntimeOverrides {
  readonly history?: HistoryReader;
  readonly store?: TrackingStore;
  readonly historyBudget?: HistoryBudget;
  readonly ovirt?: OvirtJobs;
  readonly now?: () => number;
  readonly readPassword?: PasswordSource;
}

/** createRuntime builds the runtime for `config`. */
export function createRuntime(config: Config, overrides: RuntimeOverrides = {}): Runtime {
  const logger = createLogger(config.logLevel);
  const metrics = createMetrics();
  const log = asLog(logger);
  const counters = asCounters(metrics);
  const history =
    overrides.history ??
    createSfnHistoryReader({ client: createSfnClient({ region: config.region, endpoint: config.sfnEndpoint }), logger: log });
  let dynamo: ReturnType<typeof createDynamoClient> | undefined;
  const dynamoClient = () => (dynamo ??= createDynamoClient({ region: config.region, endpoint: config.dynamodbEndpoint }));
  const store = overrides.store ?? new DynamoTrackingStore({ client: dynamoClient(), tableName: config.tableName });
  const historyBudget =
    overrides.historyBudget ??
    new DynamoHistoryBudget({ client: dynamoClient(), tableName: config.tableName, perSecond: config.pushHistoryReadsPerSecond, now: overrides.now });
  let ovirt: { password: string | undefined; client: OvirtJobs } | undefined;
  const ovirtFor = (password: string | undefined): OvirtJobs => {
    if (overrides.ovirt) return overrides.ovirt;
    if (ovirt === undefined || ovirt.password !== password) {
      ovirt = { password, client: buildOvirtClient(config, password, log) };
    }
    return ovirt.client;
  };
  return {
    config,
    logger,
    metrics,
    log,
    counters,
    history,
    store,
    historyBudget,
    readPassword: overrides.readPassword ?? createPasswordSource({ region: config.region }),
    accepts: (arn) => acceptsStateMachine(arn, config.stateMachineArns, config.mapping.mirrorChildExecutions),
    deps: (password) => ({
      history,
      store,
      ovirt: ovirtFor(password ?? config.ovirt.password),
      mapping: config.mapping,
      log,
      counters,
      now: overrides.now ?? Date.now,
      newOwner: randomUUID,
      leaseMs: config.leaseSeconds * 1000,
      requeueSeconds: config.requeueSeconds,
      retentionDays: config.retentionDays,
      dryRun: config.dryRun,
    }),
  };
}

function buildOvirtClient(config: Config, password: string | undefined, log: Log): OvirtJobs {
  const o = config.ovirt;
  return createOvirtClient({
    url: o.url,
    username: o.username,
    password,
    token: o.token,
    caFile: o.caFile,
    caPem: o.caPem,
    insecure: o.insecure,
    allowHttp: o.allowHttp,
    headersTimeoutMs: o.timeoutMs,
    bodyTimeoutMs: o.timeoutMs,
    timeoutMs: o.timeoutMs,
    maxResponseBytes: o.maxResponseBytes,
    headers: { ...o.extraHeaders },
    logger: { warn: (message, extra) => log.warn(message, { ...extra }), debug: (message, extra) => log.debug(message, { ...extra }) },
  });
}
