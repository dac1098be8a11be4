/**
 * Poison executions for the `poison` dimension: executions the table holds open whose sync
 * always fails, because their state machine was deleted (Step Functions answers
 * ExecutionDoesNotExist). They are made the way the product leaves them — lease taken, meta row
 * put in the sweep index, lease released — with a `lastSyncedAt` a day old, so they sit at the
 * head of the sweep order (oldest first) and, being at least SWEEP_MAX_EXECUTIONS, fill a
 * whole sweep unless the product steps past executions that keep failing.
 *
 * They are removed when the schedule ends, so one schedule's poison does not leak into the next.
 */
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMA } from '../../../src/adapters/dynamo/rows.js';
import type { ChaosEnvironment } from './environment.js';
import { partitionItems } from './table-check.js';

const DELETED_MACHINE = 'arn:aws:states:eu-west-1:482913557106:execution:deleted-pipeline';
const OWNER = 'poison-setup';
const A_DAY_MS = 86_400_000;

/** createPoison makes `count` poison executions named after `id` and returns their ARNs. */
export async function createPoison(env: ChaosEnvironment, id: string, count: number): Promise<string[]> {
  const arns: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const arn = `${DELETED_MACHINE}:${id}-poison-${i}`;
    const then = env.clock.now() - A_DAY_MS + i;
    const meta = await env.table.store.acquireLease(arn, OWNER, then, 1_000);
    if (meta === null || !(await env.table.store.markOpen(arn, OWNER, then))) throw new Error(`Could not make poison execution ${arn}.`);
    await env.table.store.releaseLease(arn, OWNER);
    arns.push(arn);
  }
  return arns;
}

/** isOpen tells whether the execution's meta row is (still) in the sweep index. */
export async function isOpen(env: ChaosEnvironment, arn: string): Promise<boolean> {
  const items = await rowsOf(env, arn);
  return items.some((item) => item[TABLE_SCHEMA.sortKey]?.S === 'meta' && item[TABLE_SCHEMA.openIndexPartitionKey] !== undefined);
}

/** removeRows deletes every row of the executions (poison clean-up between schedules). */
export async function removeRows(env: ChaosEnvironment, arns: readonly string[]): Promise<void> {
  for (const arn of arns) {
    const keys = (await rowsOf(env, arn)).map((item) => ({
      [TABLE_SCHEMA.partitionKey]: item[TABLE_SCHEMA.partitionKey] as AttributeValue,
      [TABLE_SCHEMA.sortKey]: item[TABLE_SCHEMA.sortKey] as AttributeValue,
    }));
    for (let start = 0; start < keys.length; start += 25) {
      const batch = keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } }));
      await env.table.client.send(new BatchWriteItemCommand({ RequestItems: { [env.table.tableName]: batch } }));
    }
  }
}

function rowsOf(env: ChaosEnvironment, arn: string): Promise<Record<string, AttributeValue>[]> {
  return partitionItems(env.table.client, env.table.tableName, arn);
}
