/**
 * fastSdkRetry is an AWS SDK retry strategy with the product's attempt count (2, as
 * createSfnClient configures) but millisecond back-off, so a chaos run spends its time on
 * schedules rather than on the SDK's 100–500 ms throttling waits. Which errors are retried is
 * left to the SDK's own classification (client errors never are).
 */
import type { SFNClientConfig } from '@aws-sdk/client-sfn';

type RetryStrategyV2 = Extract<NonNullable<SFNClientConfig['retryStrategy']>, { refreshRetryTokenForRetry: unknown }>;
type RetryToken = Awaited<ReturnType<RetryStrategyV2['acquireInitialRetryToken']>>;

/** fastSdkRetry returns a strategy making at most `maxAttempts` attempts with a 1 ms pause. */
export function fastSdkRetry(maxAttempts = 2): RetryStrategyV2 {
  const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 1 });
  return {
    acquireInitialRetryToken: () => Promise.resolve(token(0)),
    refreshRetryTokenForRetry: (previous, info) => {
      const next = previous.getRetryCount() + 1;
      if (info.errorType === 'CLIENT_ERROR' || next >= maxAttempts) return Promise.reject(new Error('No retry token available'));
      return Promise.resolve(token(next));
    },
    recordSuccess: () => undefined,
  };
}
