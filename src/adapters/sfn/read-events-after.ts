/**
 * readEventsAfter reads only the events newer than a cursor (docs/step-functions-signals.md#paging). Step Functions has
 * no "since id" parameter, so it pages backwards from the newest event and stops as soon as it
 * holds the event right after the cursor (or reached an older one, or ran out of pages):
 *
 * ```
 * ids   1 ………… cursor | cursor+1 ………………… newest
 * pages                 ◄─ page k … ◄─ page 2 ◄─ page 1 (reverseOrder, 1000 each)
 * ```
 *
 * A sync therefore costs ⌈new events / page size⌉ calls, at least one. A `nextToken` refused
 * mid-way (InvalidToken: expired) restarts the read once from the newest event.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '../../model/execution.js';
import { toSfnError } from './errors.js';
import { toHistoryEvent } from './to-history-event.js';

/** ReadOptions: page size (1..1000) and the request's AbortSignal. */
export interface ReadOptions {
  readonly pageSize: number;
  readonly signal?: AbortSignal | undefined;
  /** Called when an expired token forces a restart (for a warning log). */
  readonly onRestart?: ((pagesRead: number) => void) | undefined;
}

/**
 * readEventsAfter returns the events with id > `afterEventId`, ascending.
 * @throws StepFunctionsError | TerminalReconcileError as classified by toSfnError.
 */
export async function readEventsAfter(
  client: SFNClient,
  executionArn: string,
  afterEventId: number,
  options: ReadOptions,
): Promise<HistoryEvent[]> {
  let restarted = false;
  for (;;) {
    try {
      return await readNewestFirst(client, executionArn, afterEventId, options);
    } catch (error) {
      if (!restarted && error instanceof TokenRefused) {
        restarted = true;
        options.onRestart?.(error.pagesRead);
        continue;
      }
      throw toSfnError(error instanceof TokenRefused ? error.cause : error, { operation: 'GetExecutionHistory', arn: executionArn });
    }
  }
}

/** TokenRefused marks an InvalidToken answer to a page that carried a token. */
class TokenRefused extends Error {
  readonly pagesRead: number;
  constructor(cause: unknown, pagesRead: number) {
    super('nextToken refused', { cause });
    this.pagesRead = pagesRead;
  }
}

async function readNewestFirst(client: SFNClient, executionArn: string, afterEventId: number, options: ReadOptions): Promise<HistoryEvent[]> {
  const newestFirst: HistoryEvent[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  for (;;) {
    const input = { executionArn, reverseOrder: true, maxResults: options.pageSize, includeExecutionData: false, nextToken };
    const page = await client.send(new GetExecutionHistoryCommand(input), { abortSignal: options.signal }).catch((error: unknown) => {
      throw nextToken !== undefined && (error as { name?: unknown }).name === 'InvalidToken' ? new TokenRefused(error, pages) : error;
    });
    pages += 1;
    let reachedCursor = false;
    for (const event of page.events ?? []) {
      const id = event.id ?? 0;
      if (id <= afterEventId) {
        reachedCursor = true;
        break;
      }
      // Ids only go down in a reverse read; anything else is a repeat from a shifted page.
      if (id < (newestFirst.at(-1)?.id ?? Infinity)) newestFirst.push(toHistoryEvent(event));
    }
    nextToken = page.nextToken;
    const complete = reachedCursor || newestFirst.at(-1)?.id === afterEventId + 1 || nextToken === undefined;
    if (complete) return newestFirst.reverse();
  }
}
