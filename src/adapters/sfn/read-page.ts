/**
 * readHistoryPage reads ONE ascending page of an execution's history (oldest first), for a
 * first sync that saves its progress page by page. Every page of one read repeats the same
 * arguments (AWS refuses a token otherwise) and the `nextToken` of a page is what the caller
 * saves to continue with the next page later — it stays valid for 24 hours.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import type { HistoryPage } from '../../ports.js';
import { toSfnError } from './errors.js';
import { toHistoryEvent } from './to-history-event.js';

/**
 * readHistoryPage returns the events of the page `token` points to (the first page without
 * one) and the token of the page after it, absent on the last page.
 * @throws StepFunctionsError (awsName 'InvalidToken' for an expired or foreign token) | TerminalReconcileError.
 */
export async function readHistoryPage(
  client: SFNClient,
  executionArn: string,
  token: string | undefined,
  options: { readonly pageSize: number; readonly signal?: AbortSignal | undefined },
): Promise<HistoryPage> {
  const input = { executionArn, reverseOrder: false, maxResults: options.pageSize, includeExecutionData: false, nextToken: token };
  try {
    const page = await client.send(new GetExecutionHistoryCommand(input), { abortSignal: options.signal });
    return { events: (page.events ?? []).map(toHistoryEvent), nextToken: page.nextToken };
  } catch (error) {
    throw toSfnError(error, { operation: 'GetExecutionHistory', arn: executionArn });
  }
}
