/**
 * listExecutions pages ListExecutions of one state machine, newest first, optionally by status.
 * It yields page by page, so a caller can stop early (e.g. at the first execution older than
 * it cares about) without listing the rest. Execution input and output are not part of the answer.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { ExecutionStatus } from '../../model/execution.js';
import { toSfnError } from './errors.js';
import { toEpochMs } from './to-history-event.js';

/** ListedExecution is one ListExecutions entry: enough to decide whether to look at it closer. */
export interface ListedExecution {
  readonly executionArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  /** Epoch milliseconds. */
  readonly startDate: number;
  readonly stopDate?: number | undefined;
  readonly redriveCount: number;
}

/** ListExecutionsOptions: the status to list (all when absent) and the page size (1..1000). */
export interface ListExecutionsOptions {
  readonly statusFilter?: ExecutionStatus | undefined;
  /** @default 1000 */
  readonly pageSize?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * listExecutions yields the executions of `stateMachineArn`, one page at a time, newest first.
 * @example
 * for await (const page of listExecutions(client, arn, { statusFilter: 'FAILED' })) for (const e of page) …
 */
export async function* listExecutions(
  client: SFNClient,
  stateMachineArn: string,
  options: ListExecutionsOptions = {},
): AsyncGenerator<ListedExecution[], void, undefined> {
  // Every page must repeat the first page's arguments, else AWS answers InvalidToken.
  const maxResults = Math.min(1000, Math.max(1, options.pageSize ?? 1000));
  const statusFilter = options.statusFilter as ListExecutionsCommand['input']['statusFilter'];
  let nextToken: string | undefined;
  do {
    const command = new ListExecutionsCommand({ stateMachineArn, statusFilter, maxResults, nextToken });
    const page = await client.send(command, { abortSignal: options.signal }).catch((error: unknown) => {
      throw toSfnError(error, { operation: 'ListExecutions', arn: stateMachineArn });
    });
    yield (page.executions ?? []).flatMap((item) =>
      item.executionArn === undefined
        ? []
        : [
            {
              executionArn: item.executionArn,
              name: item.name ?? '',
              status: item.status ?? 'RUNNING',
              startDate: toEpochMs(item.startDate),
              stopDate: item.stopDate === undefined ? undefined : toEpochMs(item.stopDate),
              redriveCount: item.redriveCount ?? 0,
            },
          ],
    );
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
}
