/**
 * CloudWatch Logs, as far as the operator command's doctor reads it: the subscription filters
 * of a log group, which is how the push path receives a state machine's execution logs.
 */
import { CloudWatchLogsClient, DescribeSubscriptionFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';

/** LogsClientOptions: Region, and for local runs an endpoint. */
export interface LogsClientOptions {
  readonly region: string;
  readonly endpoint?: string | undefined;
}

/** createLogsClient builds a CloudWatch Logs client (credentials from the standard chain). */
export function createLogsClient(options: LogsClientOptions): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    region: options.region,
    maxAttempts: 2,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  });
}

/** SubscriptionFilter is one filter: its name and where it sends the events. */
export interface SubscriptionFilter {
  readonly filterName: string;
  readonly destinationArn: string;
}

/**
 * listSubscriptionFilters lists the filters of `logGroupName` (a group has at most two);
 * undefined when the log group does not exist. Any other failure is thrown as the SDK's error
 * (its name says what: AccessDeniedException, ThrottlingException …).
 */
export async function listSubscriptionFilters(client: CloudWatchLogsClient, logGroupName: string, signal?: AbortSignal): Promise<SubscriptionFilter[] | undefined> {
  try {
    const out = await client.send(new DescribeSubscriptionFiltersCommand({ logGroupName }), { abortSignal: signal });
    return (out.subscriptionFilters ?? []).map((f) => ({ filterName: f.filterName ?? '', destinationArn: f.destinationArn ?? '' }));
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** logGroupNameOf takes the name out of a log group ARN (`arn:aws:logs:<region>:<account>:log-group:<name>:*`). */
export function logGroupNameOf(logGroupArn: string): string {
  const match = /:log-group:(.+?)(?::\*)?$/.exec(logGroupArn);
  return match?.[1] ?? logGroupArn;
}
