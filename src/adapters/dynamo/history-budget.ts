/**
 * DynamoHistoryBudget implements the HistoryBudget port as a fixed-window counter on the
 * tracking table, shared by every concurrent invocation: one row per second, and one
 * conditional UpdateItem per call taken (`ADD calls 1` only while `calls < limit`). Rows expire
 * through the table's TTL a few minutes later. The partition key is not an ARN, so no
 * execution's rows can meet it.
 *
 * A fixed window may let up to 2 × limit calls through across a window boundary; the quota it
 * protects (GetExecutionHistory, a token bucket per account) absorbs such a burst.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HistoryBudget } from '../../ports.js';
import { TABLE_SCHEMA } from './rows.js';
import { toStoreError } from './store-error.js';
import { documentClientOf, sendOptions, unlessConditionFails } from './table-call.js';

/** BUDGET_PARTITION is the partition key of the budget's rows (never an execution ARN). */
export const BUDGET_PARTITION = 'budget#push-history-reads';
/** How long a window's row stays before the TTL removes it (DynamoDB deletes expired rows within days; they are tiny). */
const ROW_TTL_SECONDS = 300;

/** DynamoHistoryBudgetOptions: the table, the calls allowed per second, the clock. */
export interface DynamoHistoryBudgetOptions {
  readonly client: DynamoDBClient | DynamoDBDocumentClient;
  readonly tableName: string;
  readonly perSecond: number;
  readonly now?: () => number;
}

/**
 * DynamoHistoryBudget: `take` resolves true when this second's share had room (and spends one).
 * @example
 * const budget = new DynamoHistoryBudget({ client, tableName, perSecond: 5 });
 * if (await budget.take(signal)) await history.readEventsAfter(arn, cursor, signal);
 */
export class DynamoHistoryBudget implements HistoryBudget {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly perSecond: number;
  private readonly now: () => number;

  constructor(options: DynamoHistoryBudgetOptions) {
    this.doc = documentClientOf(options.client);
    this.tableName = options.tableName;
    this.perSecond = options.perSecond;
    this.now = options.now ?? Date.now;
  }

  async take(signal?: AbortSignal): Promise<boolean> {
    if (this.perSecond <= 0) return false;
    const second = Math.floor(this.now() / 1000);
    const call = { doc: this.doc, tableName: this.tableName, signal };
    try {
      return await unlessConditionFails(
        this.doc
          .send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { [TABLE_SCHEMA.partitionKey]: BUDGET_PARTITION, [TABLE_SCHEMA.sortKey]: `second#${second}` },
              UpdateExpression: 'ADD calls :one SET #ttl = :ttl',
              ConditionExpression: 'attribute_not_exists(calls) OR calls < :limit',
              ExpressionAttributeNames: { '#ttl': TABLE_SCHEMA.ttlAttribute },
              ExpressionAttributeValues: { ':one': 1, ':limit': this.perSecond, ':ttl': second + ROW_TTL_SECONDS },
            }),
            sendOptions(call),
          )
          .then(() => true),
        false,
      );
    } catch (error) {
      throw toStoreError(error, 'take a push-path history read from the budget', this.tableName);
    }
  }
}
