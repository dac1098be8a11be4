/**
 * Config: the whole configuration, read once at cold start from the environment into a
 * typed, frozen object. This folder is the only code that reads environment variables;
 * everything else receives Config. A missing or invalid value throws ConfigError at init.
 */
import type { MappingConfig } from '../model/mapping.js';
import type { Env } from './env.js';
import { readBoolean, readEnum, readInteger, readList, readString } from './env.js';
import { assertLeaseCoversClaims } from './lease-settings.js';
import { readMappingSettings } from './mapping-settings.js';
import type { OvirtSettings } from './ovirt-settings.js';
import { readOvirtSettings } from './ovirt-settings.js';
import { ConfigError } from '../errors.js';

export type { OvirtSettings, SecretRef } from './ovirt-settings.js';

/** Config is everything the handlers need. Defaults are documented per field. */
export interface Config {
  readonly ovirt: OvirtSettings;
  readonly mapping: MappingConfig;
  /** TRACKING_TABLE_NAME (required). */
  readonly tableName: string;
  /** AWS_REGION @default 'us-east-1' */
  readonly region: string;
  /** STATE_MACHINE_ARNS: allow-list; empty = every state machine whose events reach us. */
  readonly stateMachineArns: readonly string[];
  /** RECONCILER_DRY_RUN @default false — log the plan, change nothing. */
  readonly dryRun: boolean;
  /** LOG_LEVEL @default 'INFO' */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** TRACKING_RETENTION_DAYS @default 30 — rows expire this long after the execution ends. */
  readonly retentionDays: number;
  /**
   * LEASE_SECONDS @default 120 — how long one invocation may hold an execution or an object's
   * claim. Must cover an oVirt add and the lookup after it plus the skew margin (lease-settings).
   */
  readonly leaseSeconds: number;
  /** MAX_CLOCK_SKEW_SECONDS @default 30 — how far the containers' clocks may differ; part of the lease check. */
  readonly maxClockSkewSeconds: number;
  /** REQUEUE_SECONDS @default 60 — when a running execution is looked at again. */
  readonly requeueSeconds: number;
  /** SWEEP_MAX_EXECUTIONS @default 100 — executions one sweep run visits at most. */
  readonly sweepMaxExecutions: number;
  /**
   * SWEEP_DISCOVERY_PERCENT @default 20 — share of SWEEP_MAX_EXECUTIONS kept for discovering lost
   * RUNNING executions (rounded up, at least one; 0: only slots open executions leave unused).
   */
  readonly sweepDiscoveryPercent: number;
  /** SWEEP_DISCOVERY_SCAN_LIMIT @default 1000 — RUNNING executions one sweep lists per allow-listed state machine, newest first. */
  readonly sweepDiscoveryScanLimit: number;
  /** SWEEP_HISTORY_BUDGET @default 200 — GetExecutionHistory pages one sweep run may read (AWS: 20/s per account, shared). */
  readonly sweepHistoryBudget: number;
  /**
   * DEADLINE_MARGIN_SECONDS @default 10 — a sync stops starting new work this long before the
   * Lambda timeout, saves what is safe and answers pending; the next invocation goes on.
   */
  readonly deadlineMarginSeconds: number;
  /** Service endpoints for local runs (AWS_ENDPOINT_URL_SFN / AWS_ENDPOINT_URL_DYNAMODB); unset in AWS. */
  readonly sfnEndpoint?: string | undefined;
  readonly dynamodbEndpoint?: string | undefined;
  /** LOG_BATCH_CONCURRENCY @default 4 — executions of one CloudWatch Logs delivery synced at once. */
  readonly logBatchConcurrency: number;
  /**
   * PUSH_HISTORY_READS_PER_SECOND @default 5 — GetExecutionHistory calls per second the push path
   * may make, across all its concurrent invocations, to repair gaps (25 % of the 20/s account quota).
   */
  readonly pushHistoryReadsPerSecond: number;
  /**
   * PUSH_GAP_WAIT_SECONDS @default 5 — how long pushed records of a Standard execution that follow
   * a missing one are held for it (the execution's other log stream is delivered within about a
   * second) before the gap is repaired from history (within PUSH_HISTORY_READS_PER_SECOND).
   */
  readonly pushGapWaitSeconds: number;
  /**
   * EXPRESS_GAP_WAIT_SECONDS @default 30 — how long records of an Express execution that follow a
   * missing record wait for it; then they are applied and the job says `Some events were not logged`.
   */
  readonly expressGapWaitSeconds: number;
  /**
   * EXPRESS_OUTCOME_MARGIN_SECONDS @default 120 — delivery margin after an Express execution's
   * 5-minute limit: past it, the sweep ends a job whose outcome record never came as failed.
   */
  readonly expressOutcomeMarginSeconds: number;
  /** EXPRESS_MAX_EXECUTIONS_PER_MINUTE @default 60 — Express executions mirrored per state machine per minute; the rest are counted in one summary job. */
  readonly expressMaxExecutionsPerMinute: number;
  /** EXPRESS_MAX_HELD_EVENTS @default 200 — most records of one Express execution held after a gap; more gives the gap up at once. */
  readonly expressMaxHeldEvents: number;
}

/** loadConfig validates the environment and returns a frozen Config. */
export function loadConfig(env: Env): Config {
  const tableName = readString(env, 'TRACKING_TABLE_NAME');
  if (tableName === undefined) {
    throw new ConfigError('TRACKING_TABLE_NAME', 'is required: the DynamoDB tracking table (serverless.yml sets it).');
  }
  const stateMachineArns = readList(env, 'STATE_MACHINE_ARNS');
  const bad = stateMachineArns.find((arn) => !/^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:[^:]+$/.test(arn));
  if (bad !== undefined) {
    throw new ConfigError('STATE_MACHINE_ARNS', `"${bad}" is not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>).`);
  }
  const ovirt = readOvirtSettings(env);
  const leaseSeconds = readInteger(env, 'LEASE_SECONDS', 120, 5, 3600);
  const maxClockSkewSeconds = readInteger(env, 'MAX_CLOCK_SKEW_SECONDS', 30, 0, 600);
  assertLeaseCoversClaims(leaseSeconds, ovirt.timeoutMs, maxClockSkewSeconds);
  return Object.freeze({
    ovirt,
    mapping: readMappingSettings(env),
    tableName,
    region: readString(env, 'AWS_REGION') ?? readString(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1',
    stateMachineArns: Object.freeze(stateMachineArns),
    dryRun: readBoolean(env, 'RECONCILER_DRY_RUN', false),
    logLevel: readEnum(env, 'LOG_LEVEL', ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const, 'INFO'),
    retentionDays: readInteger(env, 'TRACKING_RETENTION_DAYS', 30, 1, 3650),
    leaseSeconds,
    maxClockSkewSeconds,
    requeueSeconds: readInteger(env, 'REQUEUE_SECONDS', 60, 1, 86_400),
    sweepMaxExecutions: readInteger(env, 'SWEEP_MAX_EXECUTIONS', 100, 1, 10_000),
    sweepHistoryBudget: readInteger(env, 'SWEEP_HISTORY_BUDGET', 200, 1, 100_000),
    sweepDiscoveryPercent: readInteger(env, 'SWEEP_DISCOVERY_PERCENT', 20, 0, 100),
    sweepDiscoveryScanLimit: readInteger(env, 'SWEEP_DISCOVERY_SCAN_LIMIT', 1000, 1, 100_000),
    deadlineMarginSeconds: readInteger(env, 'DEADLINE_MARGIN_SECONDS', 10, 0, 900),
    sfnEndpoint: readString(env, 'AWS_ENDPOINT_URL_SFN'),
    dynamodbEndpoint: readString(env, 'AWS_ENDPOINT_URL_DYNAMODB'),
    logBatchConcurrency: readInteger(env, 'LOG_BATCH_CONCURRENCY', 4, 1, 100),
    pushHistoryReadsPerSecond: readInteger(env, 'PUSH_HISTORY_READS_PER_SECOND', 5, 0, 1000),
    pushGapWaitSeconds: readInteger(env, 'PUSH_GAP_WAIT_SECONDS', 5, 0, 300),
    expressGapWaitSeconds: readInteger(env, 'EXPRESS_GAP_WAIT_SECONDS', 30, 0, 300),
    expressOutcomeMarginSeconds: readInteger(env, 'EXPRESS_OUTCOME_MARGIN_SECONDS', 120, 0, 3600),
    expressMaxExecutionsPerMinute: readInteger(env, 'EXPRESS_MAX_EXECUTIONS_PER_MINUTE', 60, 1, 100_000),
    expressMaxHeldEvents: readInteger(env, 'EXPRESS_MAX_HELD_EVENTS', 200, 1, 1000),
  });
}

/** loadConfigFromProcess reads the Lambda (or local) process environment; the composition roots call it once. */
export function loadConfigFromProcess(): Config {
  return loadConfig(process.env);
}
