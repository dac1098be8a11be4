/**
 * readNewHistory chooses how a round reads history. A first sync reads FORWARD one page at a
 * time, so its progress can be saved after every page and a later invocation goes on from the
 * saved page token instead of reading everything again:
 *
 * ```text
 * cursor 0, no token     → readPage()            page 1   (save cursor, checkpoint, token₁)
 * token saved            → readPage(tokenₖ)      page k+1 (save …, tokenₖ₊₁; none on the last page)
 * no token, cursor > 0   → readEventsAfter(cursor)  (reverse: 1 page when little is new)
 * token refused (expired after 24 h) → drop it, readEventsAfter(cursor)
 * ```
 */
import { StepFunctionsError } from '../errors.js';
import type { HistoryEvent } from '../model/execution.js';
import type { ReconcileDeps } from './deps.js';

/** HistoryRead: the events read, and the token of the next forward page if the forward read goes on. */
export interface HistoryRead {
  readonly events: readonly HistoryEvent[];
  readonly historyToken?: string | undefined;
}

/**
 * readNewHistory reads the next batch after `cursor`. `forwardToken` is the saved token (or
 * undefined); `forward` says whether this round reads forward at all.
 */
export async function readNewHistory(
  executionArn: string,
  from: { readonly cursor: number; readonly forwardToken?: string | undefined; readonly forward: boolean },
  deps: Pick<ReconcileDeps, 'history' | 'log'>,
  signal?: AbortSignal,
): Promise<HistoryRead> {
  if (!from.forward) return { events: await deps.history.readEventsAfter(executionArn, from.cursor, signal) };
  try {
    const page = await deps.history.readPage(executionArn, from.forwardToken, signal);
    return { events: page.events, historyToken: page.nextToken };
  } catch (error) {
    if (from.forwardToken === undefined || !isTokenRefused(error)) throw error;
    deps.log.warn('Saved history page token was refused (expired); reading the rest of the history newest first', {
      executionArn,
      cursor: from.cursor,
    });
    return { events: await deps.history.readEventsAfter(executionArn, from.cursor, signal) };
  }
}

function isTokenRefused(error: unknown): boolean {
  return error instanceof StepFunctionsError && error.awsName === 'InvalidToken';
}
