/**
 * Creates the tracking table from the same CloudFormation resource serverless.yml deploys
 * (src/adapters/dynamo/tracking-table.json), so the key schema and index exist in one place.
 * Local-only tooling: it reads the file next to the sources (tsx/vitest), not from a bundle.
 */
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TABLE_RESOURCE_URL = new URL('../adapters/dynamo/tracking-table.json', import.meta.url);
const POLL_MS = 25;
const ACTIVE_TIMEOUT_MS = 60_000;

/**
 * trackingTableInput turns the CloudFormation resource into CreateTable input under `tableName`.
 * Only the properties CreateTable takes that shape the data are kept; TTL, point-in-time
 * recovery, SSE and tags are deployment concerns dynalite does not implement.
 */
export function trackingTableInput(tableName: string): CreateTableCommandInput {
  const resource = JSON.parse(readFileSync(TABLE_RESOURCE_URL, 'utf8')) as { Properties: CreateTableCommandInput };
  const { AttributeDefinitions, KeySchema, BillingMode, GlobalSecondaryIndexes } = resource.Properties;
  return { TableName: tableName, AttributeDefinitions, KeySchema, BillingMode, GlobalSecondaryIndexes };
}

/**
 * createTrackingTable creates the table (an existing table is fine) and waits until the table
 * and its indexes are ACTIVE.
 * @example await createTrackingTable(client, 'ovirt-pipeline-jobs-tracking');
 */
export async function createTrackingTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(trackingTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
  }
  await waitUntilActive(client, tableName);
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Table "${tableName}" is still ${Table?.TableStatus ?? 'unknown'} after ${ACTIVE_TIMEOUT_MS / 1000} s. ` +
          'Check that the local DynamoDB endpoint is healthy, then run again.',
      );
    }
    await sleep(POLL_MS);
  }
}
