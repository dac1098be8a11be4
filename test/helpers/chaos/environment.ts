/**
 * ChaosEnvironment is one worker's set of real parts — the oVirt engine simulator (TLS), a
 * dynalite tracking table and the Step Functions stub — with the product's real adapters and
 * its real middy handlers on top, all on one virtual clock. It is started once and reused by
 * many schedules (each schedule brings fresh execution ARNs), and recycled now and then to keep
 * the in-memory parts small.
 *
 * Every invocation gets its own {@link Invocation}: the runtime's `deps()` is looked up inside
 * an AsyncLocalStorage scope, so the handler — unchanged — reconciles through ports that can
 * crash at a chosen call, while concurrent invocations keep separate crash plans, clocks
 * (skew) and slow calls. The engine knows two users: the administrator the configuration
 * names, and a non-administrator the `non-admin` dimension switches the oVirt client to.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { AsyncLocalStorage } from 'node:async_hooks';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { createOvirtClient } from '../../../src/adapters/ovirt/index.js';
import type { OvirtClient } from '../../../src/adapters/ovirt/index.js';
import { createSfnHistoryReader } from '../../../src/adapters/sfn/index.js';
import { DynamoHistoryBudget } from '../../../src/adapters/dynamo/index.js';
import { loadConfig } from '../../../src/config/index.js';
import type { Config } from '../../../src/config/index.js';
import { makeOnExecutionEventHandler } from '../../../src/entry/on-execution-event.js';
import { makeOnExecutionLogsHandler } from '../../../src/entry/on-execution-logs.js';
import { makeSweepHandler } from '../../../src/entry/sweep.js';
import { isRetryable } from '../../../src/errors.js';
import { startOvirtEngine } from '../../../src/local/ovirt-engine/index.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { startSfnStub } from '../../../src/local/sfn-stub/index.js';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import type { Outcome } from '../../../src/model/outcome.js';
import type { HistoryReader } from '../../../src/ports.js';
import type { SweepReport } from '../../../src/reconcile/sweep.js';
import type { LogBatchReport } from '../../../src/reconcile/apply-log-batch.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import type { Runtime } from '../../../src/runtime/runtime.js';
import { startTrackingTable, TEST_CREDENTIALS, TEST_REGION } from '../dynalite.js';
import type { DynaliteTrackingTable } from '../dynalite.js';
import { lambdaContext, localPartsEnv, SIM_USER } from '../local-parts.js';
import { fastSdkRetry } from './fast-sdk-retry.js';
import type { CrashPlan } from './invocation.js';
import { Invocation, wrapPorts } from './invocation.js';
import { isSimulatedCrash } from './simulated-crash.js';
import { TableFaults } from './table-faults.js';
import { VirtualClock } from './virtual-clock.js';
import { minimumLeaseMs } from '../../../src/config/lease-settings.js';
import { CHAOS_MAX_CLOCK_SKEW_SECONDS, CHAOS_OVIRT_TIMEOUT_MS, CHAOS_SWEEP_MAX_EXECUTIONS } from './dimensions.js';
import type { SlowCall } from './dimensions.js';

/** The engine user without administrator rights (searches and step reads are refused to it). */
export const NON_ADMIN_USER = { name: 'pipeline-mirror@internal', password: SIM_USER.password, admin: false };

/** Lambda timeouts as deployed (serverless.yml): the event handler, the log handler and the sweep. */
const EVENT_TIMEOUT_MS = 60_000;
const LOGS_TIMEOUT_MS = 120_000;
const SWEEP_TIMEOUT_MS = 300_000;

/** InvocationExtras: this invocation's clock skew and slow oVirt call. */
export interface InvocationExtras {
  readonly skewMs?: number | undefined;
  readonly slow?: SlowCall | undefined;
  /** Work that happens while the slow call is in flight (see InvocationTiming.meanwhile). */
  readonly meanwhile?: (() => Promise<unknown>) | undefined;
}

/** InvocationResult: how one simulated invocation ended. */
export type InvocationResult =
  | { readonly kind: 'ok'; readonly value: Outcome | SweepReport | LogBatchReport; readonly invocation: Invocation }
  | { readonly kind: 'failed'; readonly error: Error; readonly retryable: boolean; readonly invocation: Invocation }
  | { readonly kind: 'crashed'; readonly invocation: Invocation };

/** ChaosEnvironmentOptions: the allow-list and an optional environment override. */
export interface ChaosEnvironmentOptions {
  readonly stateMachineArns: readonly string[];
  readonly env?: Record<string, string> | undefined;
  readonly seed?: number | undefined;
}

/** ChaosEnvironment is a running set of parts plus the handlers driven through crashable ports. */
export interface ChaosEnvironment {
  readonly clock: VirtualClock;
  readonly engine: OvirtEngineSimulator;
  readonly sfn: SfnStub;
  readonly table: DynaliteTrackingTable;
  readonly config: Config;
  readonly tableFaults: TableFaults;
  /** history is the product's reader, without faults or crashes (for the invariant checks). */
  readonly history: HistoryReader;
  /** deliver invokes the event handler; it may crash at a port call, or reach its soft deadline after some calls. */
  deliver(event: unknown, crash?: CrashPlan, deadlineAfterCalls?: number, extras?: InvocationExtras): Promise<InvocationResult>;
  /** deliverLogs invokes onExecutionLogs with a CloudWatch Logs delivery, under the same crash plans as deliver. */
  deliverLogs(delivery: unknown, crash?: CrashPlan, deadlineAfterCalls?: number, extras?: InvocationExtras): Promise<InvocationResult>;
  sweep(crash?: CrashPlan, deadlineAfterCalls?: number, extras?: InvocationExtras): Promise<InvocationResult>;
  /** useEngineUser switches the oVirt client of every later invocation to the administrator or the non-administrator. */
  useEngineUser(user: 'admin' | 'non-admin'): void;
  stop(): Promise<void>;
}

/** startChaosEnvironment starts the parts and builds the handlers. */
export async function startChaosEnvironment(options: ChaosEnvironmentOptions): Promise<ChaosEnvironment> {
  const clock = new VirtualClock();
  // Cleanup thresholds of 0: an injected cleanup removes every ended, auto-cleared job at once.
  // The scheduled pass is pushed out of reach (setTimeout caps at ~24.8 days).
  const engine = await startOvirtEngine({
    tls: true,
    users: [SIM_USER, NON_ADMIN_USER],
    clock,
    seed: options.seed,
    cleanup: { succeededMinutes: 0, failedMinutes: 0, rateMinutes: 30_000 },
  });
  const table = await startTrackingTable();
  const sfn = await startSfnStub({ seed: options.seed });
  const config = loadConfig({
    ...localPartsEnv(engine, table, sfn),
    STATE_MACHINE_ARNS: options.stateMachineArns.join(','),
    SWEEP_MAX_EXECUTIONS: String(CHAOS_SWEEP_MAX_EXECUTIONS),
    OVIRT_TIMEOUT_MS: String(CHAOS_OVIRT_TIMEOUT_MS),
    MAX_CLOCK_SKEW_SECONDS: String(CHAOS_MAX_CLOCK_SKEW_SECONDS),
    LEASE_SECONDS: String(Math.ceil(minimumLeaseMs(CHAOS_OVIRT_TIMEOUT_MS, CHAOS_MAX_CLOCK_SKEW_SECONDS) / 1000)),
    ...options.env,
  });
  const ovirt = chaosOvirtClient(config, engine);
  const nonAdminOvirt = chaosOvirtClient({ ...config, ovirt: { ...config.ovirt, username: NON_ADMIN_USER.name } }, engine);
  let engineUser: 'admin' | 'non-admin' = 'admin';
  const history = createSfnHistoryReader({
    client: new SFNClient({ region: TEST_REGION, endpoint: sfn.url, credentials: { ...TEST_CREDENTIALS }, retryStrategy: fastSdkRetry(2) }),
  });
  const tableFaults = new TableFaults(table.tableName);
  // The push path's budget on the same dynalite table and virtual clock (the runtime's own would look for AWS credentials).
  const historyBudget = new DynamoHistoryBudget({ client: table.client, tableName: table.tableName, perSecond: config.pushHistoryReadsPerSecond, now: clock.now });
  const runtime = createRuntime(config, { history, ovirt, store: tableFaults.wrap(table.store), historyBudget, now: clock.now });
  const scope = new AsyncLocalStorage<Invocation>();
  const scoped: Runtime = {
    ...runtime,
    deps: (password) => {
      const invocation = scope.getStore();
      const base = runtime.deps(password);
      const deps = { ...base, ovirt: engineUser === 'admin' ? base.ovirt : nonAdminOvirt, now: invocation?.now ?? clock.now };
      return invocation === undefined ? deps : wrapPorts(deps, invocation);
    },
    // The push path's history budget is a table call of its own: a crash point like the ports'.
    historyBudget: {
      take: (signal) => {
        const invocation = scope.getStore();
        const take = () => runtime.historyBudget.take(signal);
        return invocation === undefined ? take() : invocation.run('budget.take', [], take);
      },
    },
  };
  const onEvent = makeOnExecutionEventHandler(scoped);
  const onSweep = makeSweepHandler(scoped);
  // A tenth of the real lease waits: a crashed holder's lease stays live in virtual time, so each
  // wait for it would otherwise cost 1.5 s of real time and nothing else.
  const onLogs = makeOnExecutionLogsHandler(scoped, { leaseWaitSleep: (ms, signal) => sleepFor(ms / 10, undefined, { signal }) });
  const marginMs = config.deadlineMarginSeconds * 1000;
  const invoke = async (
    run: (context: Context) => Promise<unknown>,
    timeoutMs: number,
    crash?: CrashPlan,
    deadlineAfterCalls?: number,
    extras?: InvocationExtras,
  ): Promise<InvocationResult> => {
    const invocation = new Invocation(crash, deadlineAfterCalls, { clock, timeoutMs, ovirtTimeoutMs: config.ovirt.timeoutMs, skewMs: extras?.skewMs, slow: extras?.slow, meanwhile: extras?.meanwhile });
    const context: Context = { ...lambdaContext(), getRemainingTimeInMillis: () => invocation.remainingTimeMs(marginMs) };
    try {
      const value = (await scope.run(invocation, () => run(context))) as Outcome | SweepReport | LogBatchReport;
      return invocation.crashed ? { kind: 'crashed', invocation } : { kind: 'ok', value, invocation };
    } catch (error) {
      if (invocation.crashed || isSimulatedCrash(error)) return { kind: 'crashed', invocation };
      return { kind: 'failed', error: error as Error, retryable: isRetryable(error), invocation };
    }
  };
  return {
    clock,
    engine,
    sfn,
    table,
    config,
    tableFaults,
    history,
    deliver: (event, crash, deadline, extras) => invoke((context) => onEvent(event, context), EVENT_TIMEOUT_MS, crash, deadline, extras),
    deliverLogs: (delivery, crash, deadline, extras) => invoke((context) => onLogs(delivery, context), LOGS_TIMEOUT_MS, crash, deadline, extras),
    sweep: (crash, deadline, extras) => invoke((context) => onSweep({}, context), SWEEP_TIMEOUT_MS, crash, deadline, extras),
    useEngineUser: (user) => void (engineUser = user),
    stop: async () => {
      await Promise.allSettled([ovirt.close(), nonAdminOvirt.close()]);
      await Promise.allSettled([engine.stop(), table.stop(), sfn.stop()]);
    },
  };
}

/**
 * chaosOvirtClient is the product's oVirt client as the runtime would build it, with the
 * in-process retry waits shortened (1–4 ms instead of 100–400 ms): the same attempts, less idling.
 */
function chaosOvirtClient(config: Config, engine: OvirtEngineSimulator): OvirtClient {
  return createOvirtClient({
    url: config.ovirt.url,
    username: config.ovirt.username,
    password: config.ovirt.password,
    caFile: engine.caFile,
    headersTimeoutMs: 5_000,
    bodyTimeoutMs: 5_000,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 4,
    logger: { warn: () => undefined },
  });
}
