/**
 * startLocalParts starts the three local stand-ins the product talks to — the oVirt engine
 * simulator (TLS, generated CA), dynalite with the tracking table, and the Step Functions
 * stub — and builds the real handlers on a Runtime configured exactly as in Lambda, through
 * environment variables. Integration tests invoke the handlers directly.
 */
import type { Context } from 'aws-lambda';
import { loadConfig } from '../../src/config/index.js';
import type { Config } from '../../src/config/index.js';
import { makeOnExecutionEventHandler } from '../../src/entry/on-execution-event.js';
import { makeOnExecutionLogsHandler } from '../../src/entry/on-execution-logs.js';
import type { LogBatchReport } from '../../src/reconcile/apply-log-batch.js';
import { makeSweepHandler } from '../../src/entry/sweep.js';
import { syntheticLambdaContext } from '../../src/operate/lambda-context.js';
import { startOvirtEngine } from '../../src/local/ovirt-engine/index.js';
import type { OvirtEngineSimulator } from '../../src/local/ovirt-engine/index.js';
import { startSfnStub } from '../../src/local/sfn-stub/index.js';
import type { SfnStub } from '../../src/local/sfn-stub/index.js';
import type { Outcome } from '../../src/model/outcome.js';
import type { TrackingStore } from '../../src/ports.js';
import type { SweepReport } from '../../src/reconcile/sweep.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import type { Runtime, RuntimeOverrides } from '../../src/runtime/runtime.js';
import { startTrackingTable } from './dynalite.js';
import type { DynaliteTrackingTable } from './dynalite.js';

export const SIM_USER = { name: 'admin@internal', password: 'integration-test-password' };

/** LocalParts is a running set of stand-ins plus handlers wired to them. */
export interface LocalParts {
  readonly engine: OvirtEngineSimulator;
  readonly table: DynaliteTrackingTable;
  readonly sfn: SfnStub;
  readonly config: Config;
  readonly runtime: Runtime;
  onEvent(event: unknown): Promise<Outcome>;
  /** onLogs invokes onExecutionLogs with one CloudWatch Logs subscription delivery. */
  onLogs(event: unknown): Promise<LogBatchReport>;
  sweep(): Promise<SweepReport>;
  stop(): Promise<void>;
}

/** lambdaContext is the context the tests invoke middy handlers in-process with (the product's one builder). */
export function lambdaContext(timeoutMs = 60_000): Context {
  return syntheticLambdaContext('test', timeoutMs);
}

/**
 * localPartsEnv is the configuration environment that points the handlers at running local
 * parts, exactly as Lambda would receive it (the simulator's user, CA and endpoints).
 */
export function localPartsEnv(
  engine: OvirtEngineSimulator,
  table: Pick<DynaliteTrackingTable, 'endpoint' | 'tableName'>,
  sfn: Pick<SfnStub, 'url'>,
): Record<string, string> {
  return {
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_SFN: sfn.url,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    TRACKING_TABLE_NAME: table.tableName,
    OVIRT_URL: engine.apiUrl,
    OVIRT_USERNAME: SIM_USER.name,
    OVIRT_PASSWORD: SIM_USER.password,
    OVIRT_CAFILE: engine.caFile ?? '',
    LOG_LEVEL: 'WARN',
  };
}

/** startLocalParts starts everything; `env` adds or overrides configuration variables. */
export async function startLocalParts(
  options: {
    env?: Record<string, string>;
    overrides?: RuntimeOverrides;
    engine?: Parameters<typeof startOvirtEngine>[0];
    /** wrapStore replaces the tracking store by a wrapper of the real one (fault injection). */
    wrapStore?: (store: TrackingStore) => TrackingStore;
  } = {},
): Promise<LocalParts> {
  const engine = await startOvirtEngine({ tls: true, users: [SIM_USER], ...options.engine });
  const table = await startTrackingTable();
  const sfn = await startSfnStub();
  const config = loadConfig({ ...localPartsEnv(engine, table, sfn), ...options.env });
  const store = options.wrapStore?.(table.store);
  const runtime = createRuntime(config, { ...options.overrides, ...(store ? { store } : {}) });
  const onEvent = makeOnExecutionEventHandler(runtime);
  const sweep = makeSweepHandler(runtime);
  const onLogs = makeOnExecutionLogsHandler(runtime);
  return {
    engine,
    table,
    sfn,
    config,
    runtime,
    onEvent: (event) => onEvent(event, lambdaContext()),
    onLogs: (event) => onLogs(event, lambdaContext()),
    sweep: () => sweep({}, lambdaContext()),
    stop: async () => {
      await Promise.allSettled([engine.stop(), table.stop(), sfn.stop()]);
    },
  };
}
