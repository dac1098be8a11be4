/**
 * createSfnClient builds the one Step Functions client of a Lambda container (clients are created once and injected).
 * The SDK's own retries count against the same per-account API quota as ours (GetExecutionHistory
 * refills at 20 calls/s), so it makes at most 2 attempts; anything longer is left to Lambda's
 * retry and the sweep.
 */
import { SFNClient } from '@aws-sdk/client-sfn';

/** SfnClientOptions: Region, optional endpoint (the local stub), credentials and attempts. */
export interface SfnClientOptions {
  readonly region: string;
  /** e.g. the stub's URL; absent means the AWS endpoint of the Region. */
  readonly endpoint?: string | undefined;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string } | undefined;
  /** Total attempts per call, first one included. @default 2 */
  readonly maxAttempts?: number | undefined;
}

/**
 * createSfnClient returns a configured SFNClient.
 * @example
 * const client = createSfnClient({ region: 'eu-west-1', endpoint: stub.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 */
export function createSfnClient(options: SfnClientOptions): SFNClient {
  return new SFNClient({
    region: options.region,
    maxAttempts: options.maxAttempts ?? 2,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
  });
}
