/**
 * The stand-ins the stack starts before the handlers: the oVirt engine simulator (TLS with its
 * own CA, like a production engine), dynalite with the tracking table created from the very
 * file serverless.yml deploys, the Step Functions stub, and the SQS stub holding the dead-letter
 * queue. Each start failure is turned into a message that says what to do.
 */
import { createDynamoClient } from '../../adapters/dynamo/client.js';
import { startDynalite } from '../dynalite.js';
import { DEFAULT_USER, startOvirtEngine } from '../ovirt-engine/index.js';
import type { OvirtEngineSimulator } from '../ovirt-engine/index.js';
import { startSfnStub } from '../sfn-stub/index.js';
import { startSqsStub } from '../sqs-stub/index.js';
import type { LogShipperOptions, SfnStub } from '../sfn-stub/index.js';
import { createTrackingTable } from '../tracking-table.js';
import type { Teardown } from './teardown.js';

/**
 * LOCAL_TABLE_NAME is the tracking table serverless.yml names for the `local` stage
 * (`${self:service}-${sls:stage}-tracking`); the handlers find it under that name.
 */
export const LOCAL_TABLE_NAME = 'ovirt-pipeline-jobs-local-tracking';

/** LOCAL_DEAD_LETTER_QUEUE is the dead-letter queue serverless.yml names for the `local` stage (`${self:service}-${sls:stage}-dlq`). */
export const LOCAL_DEAD_LETTER_QUEUE = 'ovirt-pipeline-jobs-local-dlq';

/** LOCAL_REGION is the provider region serverless offline gives the handlers. */
export const LOCAL_REGION = 'eu-west-1';

/** LOCAL_CREDENTIALS are dummy AWS keys: dynalite and the stub accept any signature. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** StackStartError: a part of the stack did not start; the message says what to do. */
export class StackStartError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StackStartError';
  }
}

/**
 * SimulatorLogin is the simulator's account: its documented default user (the same as
 * `npm run ovirt-sim`), so the API can be tried by hand. It guards nothing but a local demo
 * on loopback; the stack never prints it all the same.
 */
export interface SimulatorLogin {
  readonly username: string;
  readonly password: string;
}

/** startSimulator starts the engine simulator over TLS on `port`, stopped by `teardown`. */
export async function startSimulator(port: number, teardown: Teardown): Promise<{ engine: OvirtEngineSimulator; login: SimulatorLogin }> {
  const login = { username: DEFAULT_USER.name, password: DEFAULT_USER.password };
  let engine: OvirtEngineSimulator;
  try {
    engine = await startOvirtEngine({ tls: true, port, users: [{ name: login.username, password: login.password }] });
  } catch (cause) {
    const taken = (cause as { cause?: { code?: string } }).cause?.code === 'EADDRINUSE';
    throw new StackStartError(
      taken
        ? `Port ${port} for the task monitor is already in use. Stop the program using it, or pass --port N (--port 0 picks a free port).`
        : `The oVirt engine simulator did not start: ${(cause as Error).message}`,
      { cause },
    );
  }
  teardown.add('oVirt engine simulator', () => engine.stop());
  return { engine, login };
}

/** startTrackingDatabase starts dynalite and creates the tracking table; resolves to its endpoint. */
export async function startTrackingDatabase(teardown: Teardown): Promise<string> {
  const dynalite = await startDynalite().catch((cause: unknown) => {
    throw new StackStartError(`dynalite did not start: ${(cause as Error).message}. Run npm ci to restore it.`, { cause });
  });
  teardown.add('dynalite', () => dynalite.stop());
  const client = createDynamoClient({ region: LOCAL_REGION, endpoint: dynalite.endpoint, credentials: { ...LOCAL_CREDENTIALS } });
  try {
    await createTrackingTable(client, LOCAL_TABLE_NAME);
  } catch (cause) {
    throw new StackStartError(`The tracking table could not be created in dynalite: ${(cause as Error).message}`, { cause });
  } finally {
    client.destroy();
  }
  return dynalite.endpoint;
}

/** startStub starts the Step Functions stub (its log deliveries shaped by `logs`), stopped by `teardown`. */
export async function startStub(teardown: Teardown, logs?: LogShipperOptions): Promise<SfnStub> {
  const stub = await startSfnStub({ logs });
  teardown.add('Step Functions stub', () => stub.stop());
  return stub;
}

/** LocalDeadLetterQueue is the SQS stub's endpoint and the dead-letter queue's URL on it. */
export interface LocalDeadLetterQueue {
  readonly endpoint: string;
  readonly queueUrl: string;
}

/** startDeadLetterQueue starts the SQS stub with the dead-letter queue (kept 14 days, as deployed), stopped by `teardown`. */
export async function startDeadLetterQueue(teardown: Teardown): Promise<LocalDeadLetterQueue> {
  const sqs = await startSqsStub({ region: LOCAL_REGION }).catch((cause: unknown) => {
    throw new StackStartError(`The SQS stub (dead-letter queue) did not start: ${(cause as Error).message}`, { cause });
  });
  teardown.add('SQS stub', () => sqs.stop());
  return { endpoint: sqs.url, queueUrl: sqs.createQueue(LOCAL_DEAD_LETTER_QUEUE, { MessageRetentionPeriod: '1209600' }) };
}
