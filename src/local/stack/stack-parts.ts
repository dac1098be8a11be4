/**
 * startParts starts the servers of the stack in dependency order, registering each on the
 * Teardown as soon as it runs: the engine (simulator, or a real engine's access), dynalite
 * with the tracking table, the Step Functions stub (unless another endpoint is given), the SQS
 * stub with the dead-letter queue, and serverless offline with the real handlers pointed at them.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SfnStub } from '../sfn-stub/index.js';
import { freePort } from './free-port.js';
import { handlerEnvironment, localStageEnvironment } from './handler-env.js';
import type { EngineAccess } from './handler-env.js';
import { LOCAL_REGION, LOCAL_TABLE_NAME, startDeadLetterQueue, startSimulator, startStub, startTrackingDatabase } from './local-services.js';
import type { LocalDeadLetterQueue } from './local-services.js';
import type { StackOptions } from './options.js';
import { startServerlessOffline } from './serverless-offline.js';
import type { RunningOffline } from './serverless-offline.js';
import { engineFromEnvironment } from './stack-support.js';
import type { StackUrls } from './stack-support.js';
import type { Teardown } from './teardown.js';

/** StackParts are the running servers and how to reach them. */
export interface StackParts {
  readonly engine: EngineAccess;
  readonly stub?: SfnStub | undefined;
  readonly offline: RunningOffline;
  readonly deadLetterQueue: LocalDeadLetterQueue;
  readonly urls: StackUrls;
  /** The settings `ovirt-pipeline-jobs --stage local` runs with (see localStageEnvironment). */
  readonly localStage: Record<string, string>;
}

/** PartsInput: the options, the caller's environment and service directory, and serverless offline's output lines. */
export interface PartsInput {
  readonly options: StackOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly serviceDir: string;
  readonly onOfflineLine?: ((line: string) => void) | undefined;
  /**
   * The state machines of the demo pipelines played: the functions' allow-list unless
   * STATE_MACHINE_ARNS is set, as a deployment would list them (doctor checks each; status
   * looks names up among them; backfill accepts them).
   */
  readonly demoStateMachines?: readonly string[] | undefined;
}

/** startParts starts every server (see the file comment). */
export async function startParts(input: PartsInput, teardown: Teardown): Promise<StackParts> {
  const { options } = input;
  const engine = options.ovirtUrl === undefined ? await simulatorAccess(options.port, teardown) : engineFromEnvironment(options.ovirtUrl, input.env);
  const dynamodb = await startTrackingDatabase(teardown);
  const { batchMs, duplicateProbability, lossProbability, seed } = options.logs;
  const stub = options.sfnEndpoint === undefined ? await startStub(teardown, { batchMs, duplicateProbability, lossProbability, seed }) : undefined;
  const stepFunctions = options.sfnEndpoint ?? stub?.url ?? '';
  const deadLetterQueue = await startDeadLetterQueue(teardown);
  const buildDir = makeBuildFolder(input.serviceDir);
  teardown.add('build folder', () => rmSync(buildDir, { recursive: true, force: true }));
  const env = handlerEnvironment({
    base: input.env,
    engine: engine.access,
    sfnEndpoint: stepFunctions,
    dynamodbEndpoint: dynamodb,
    requeueSeconds: options.sweepSeconds,
    buildFolder: relative(input.serviceDir, buildDir),
    stateMachineArns: input.env.STATE_MACHINE_ARNS?.trim() || input.demoStateMachines?.join(','),
  });
  const offline = await startServerlessOffline({ cwd: input.serviceDir, lambdaPort: await freePort(), httpPort: await freePort(), env, onLine: input.onOfflineLine });
  teardown.add('serverless offline', () => offline.stop());
  return {
    engine: engine.access,
    stub,
    offline,
    deadLetterQueue,
    urls: { ...engine.urls, lambda: offline.lambdaUrl, stepFunctions, dynamodb, sqs: deadLetterQueue.endpoint, deadLetterQueue: deadLetterQueue.queueUrl },
    localStage: localStageEnvironment(env, {
      trackingTableName: LOCAL_TABLE_NAME,
      region: LOCAL_REGION,
      sqsEndpoint: deadLetterQueue.endpoint,
      deadLetterQueueUrl: deadLetterQueue.queueUrl,
      simulator: options.ovirtUrl === undefined,
    }),
  };
}

async function simulatorAccess(port: number, teardown: Teardown): Promise<{ access: EngineAccess; urls: Pick<StackUrls, 'taskMonitor' | 'ovirtApi'> }> {
  const { engine, login } = await startSimulator(port, teardown);
  return {
    access: { apiUrl: engine.apiUrl, username: login.username, password: login.password, caFile: engine.caFile },
    urls: { taskMonitor: `${engine.url}/`, ovirtApi: engine.apiUrl },
  };
}

/**
 * makeBuildFolder creates this run's own bundle folder under node_modules/.cache: ignored by
 * git and by the bundler's file watcher, untouched by `serverless package`, and inside the
 * project so the bundles resolve the packages left out of them (the AWS SDK) from node_modules.
 * The folder is named after this process; folders of processes that are gone (a killed run
 * could not remove its own) are removed first.
 */
function makeBuildFolder(serviceDir: string): string {
  const parent = join(serviceDir, 'node_modules', '.cache', 'ovirt-pipeline-jobs-stack');
  mkdirSync(parent, { recursive: true });
  for (const entry of readdirSync(parent)) {
    const pid = Number(/^build-(\d+)-/.exec(entry)?.[1]);
    if (!Number.isInteger(pid) || !isAlive(pid)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
  return mkdtempSync(join(parent, `build-${process.pid}-`));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
