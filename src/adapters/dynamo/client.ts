/**
 * The DynamoDB client the lead's config builds once per cold start and injects.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** DynamoClientOptions: where the table lives; `endpoint`/`credentials` are for local runs (dynalite). */
export interface DynamoClientOptions {
  readonly region: string;
  /** @default the regional AWS endpoint */
  readonly endpoint?: string | undefined;
  /** @default the SDK's default credential chain (the Lambda role) */
  readonly credentials?: DynamoDBClientConfig['credentials'];
}

/**
 * createDynamoClient builds the low-level client. The SDK's own retry of throttled calls stays
 * on (3 attempts): it absorbs short bursts inside one call, while longer trouble surfaces as a
 * retryable TrackingStoreError for Lambda's retry.
 * @example createDynamoClient({ region: 'eu-west-1' })
 */
export function createDynamoClient(options: DynamoClientOptions): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
  });
}
