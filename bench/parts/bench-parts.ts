/**
 * startBenchParts starts the local stand-ins once for a whole benchmark run: the oVirt engine
 * simulator (TLS, a fixed per-request latency, no cleanup), dynalite behind a counting proxy,
 * and the Step Functions stub. Each scenario gets a fresh tracking table; counters are reset
 * per measured phase.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../src/adapters/dynamo/client.js';
import { startDynalite } from '../../src/local/dynalite.js';
import type { RunningDynalite } from '../../src/local/dynalite.js';
import { startOvirtEngine } from '../../src/local/ovirt-engine/index.js';
import type { OvirtEngineSimulator, SimStats } from '../../src/local/ovirt-engine/index.js';
import { startSfnStub } from '../../src/local/sfn-stub/index.js';
import type { SfnStub, SfnStubStats } from '../../src/local/sfn-stub/index.js';
import { createTrackingTable } from '../../src/local/tracking-table.js';
import type { CountingProxy } from './dynamo-proxy.js';
import { startCountingProxy } from './dynamo-proxy.js';

/** BENCH_USER is the engine account the product and the baseline log in with. */
export const BENCH_USER = { name: 'admin@internal', password: 'bench-password' };
export const BENCH_REGION = 'eu-west-1';
const DUMMY_CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/** CallCounts is what every stand-in counted since the last reset. */
export interface CallCounts {
  readonly ovirt: SimStats;
  readonly sfn: SfnStubStats;
  readonly dynamo: Record<string, number>;
}

/** BenchParts are the running stand-ins. */
export interface BenchParts {
  readonly engine: OvirtEngineSimulator;
  readonly sfn: SfnStub;
  /** Endpoint the product uses for DynamoDB (the counting proxy). */
  readonly dynamoEndpoint: string;
  /** Uncounted client straight to dynalite, for setup and inspection. */
  readonly dynamo: DynamoDBClient;
  readonly latencyMs: number;
  newTable(): Promise<string>;
  counts(): CallCounts;
  resetCounts(): void;
  stop(): Promise<void>;
}

/** startBenchParts starts everything; `latencyMs` is added to every oVirt API and SSO request. */
export async function startBenchParts(latencyMs: number): Promise<BenchParts> {
  const engine = await startOvirtEngine({
    tls: true,
    users: [BENCH_USER],
    internalJobs: true,
    // Cleanup never runs during a benchmark (the interval must still fit a 32-bit timer).
    cleanup: { rateMinutes: 30_000 },
    sessionIdleMinutes: 600,
  });
  if (latencyMs > 0) engine.faults.add({ kind: 'latency', latencyMs });
  let dynalite: RunningDynalite | undefined;
  let proxy: CountingProxy | undefined;
  let sfn: SfnStub | undefined;
  try {
    dynalite = await startDynalite();
    proxy = await startCountingProxy(dynalite.endpoint);
    sfn = await startSfnStub();
  } catch (error) {
    await Promise.allSettled([engine.stop(), dynalite?.stop(), proxy?.stop()]);
    throw error;
  }
  return assemble(engine, dynalite, proxy, sfn, latencyMs);
}

function assemble(engine: OvirtEngineSimulator, dynalite: RunningDynalite, proxy: CountingProxy, sfn: SfnStub, latencyMs: number): BenchParts {
  const dynamo = createDynamoClient({ region: BENCH_REGION, endpoint: dynalite.endpoint, credentials: { ...DUMMY_CREDENTIALS } });
  return {
    engine,
    sfn,
    dynamoEndpoint: proxy.endpoint,
    dynamo,
    latencyMs,
    newTable: async () => {
      const name = `bench-${randomUUID()}`;
      await createTrackingTable(dynamo, name);
      return name;
    },
    counts: () => ({ ovirt: engine.stats(), sfn: sfn.stats(), dynamo: proxy.counts() }),
    resetCounts: () => {
      engine.resetStats();
      sfn.resetStats();
      proxy.reset();
    },
    stop: async () => {
      dynamo.destroy();
      await Promise.allSettled([engine.stop(), sfn.stop(), proxy.stop()]);
      await dynalite.stop();
    },
  };
}

/** lambdaEnvironment is the environment a function gets in this run (as serverless.yml sets it, pointed at the stand-ins). */
export function lambdaEnvironment(parts: BenchParts, tableName: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_REGION: BENCH_REGION,
    AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_SFN: parts.sfn.url,
    AWS_ENDPOINT_URL_DYNAMODB: parts.dynamoEndpoint,
    TRACKING_TABLE_NAME: tableName,
    OVIRT_URL: parts.engine.apiUrl,
    OVIRT_USERNAME: BENCH_USER.name,
    OVIRT_PASSWORD: BENCH_USER.password,
    OVIRT_CAFILE: parts.engine.caFile ?? '',
    LOG_LEVEL: 'ERROR',
    POWERTOOLS_SERVICE_NAME: 'ovirt-pipeline-jobs',
    ...extra,
  };
}
