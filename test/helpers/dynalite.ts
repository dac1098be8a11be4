/**
 * Test helper: a tracking table in a fresh in-memory dynalite, reached over the real DynamoDB
 * protocol, with a DynamoTrackingStore on top. Used by every test that needs the tracking table.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { createDynamoClient } from '../../src/adapters/dynamo/client.js';
import { DynamoTrackingStore } from '../../src/adapters/dynamo/tracking-store.js';
import { startDynalite } from '../../src/local/dynalite.js';
import { createTrackingTable } from '../../src/local/tracking-table.js';

/**
 * TEST_REGION and TEST_CREDENTIALS: dynalite accepts any signature; these keep the SDK off the
 * real credential chain. Pass a copy to a client: the SDK writes bookkeeping onto the object.
 */
export const TEST_REGION = 'eu-west-1';
export const TEST_CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = {
  accessKeyId: 'test',
  secretAccessKey: 'test',
};

/** DynaliteTrackingTable is a ready tracking table and the means to use and stop it. */
export interface DynaliteTrackingTable {
  readonly store: DynamoTrackingStore;
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly endpoint: string;
  /** stop closes the client and, if this call started dynalite, dynalite too. */
  stop(): Promise<void>;
}

/**
 * startTrackingTable starts dynalite on 127.0.0.1 (ephemeral port) — or uses `endpoint` when
 * given, to put several tables on one server — and creates a uniquely named tracking table.
 * @example
 * let table: DynaliteTrackingTable;
 * beforeAll(async () => { table = await startTrackingTable(); });
 * afterAll(() => table.stop());
 */
export async function startTrackingTable(options: { endpoint?: string } = {}): Promise<DynaliteTrackingTable> {
  const server = options.endpoint === undefined ? await startDynalite() : undefined;
  const endpoint = options.endpoint ?? server?.endpoint ?? '';
  const client = createDynamoClient({ region: TEST_REGION, endpoint, credentials: { ...TEST_CREDENTIALS } });
  const tableName = `tracking-${randomUUID()}`;
  try {
    await createTrackingTable(client, tableName);
  } catch (error) {
    client.destroy();
    await server?.stop();
    throw error;
  }
  return {
    store: new DynamoTrackingStore({ client, tableName }),
    client,
    tableName,
    endpoint,
    stop: async () => {
      client.destroy();
      await server?.stop();
    },
  };
}
