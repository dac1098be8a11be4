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
 *
 * With events pushed through CloudWatch Logs (push path), the part that continues the cursor
 * without a gap is the read: no history call, and a saved forward token is dropped (the pushed
 * events go past it); events after a gap are held on the meta row (pushed-events.ts). Only a gap
 * held longer than its wait is repaired by the read above, with a call from the push path's
 * share of the quota (deps.historyBudget); refused, the round is deferred to the sweep.
 */
import { StepFunctionsError } from '../errors.js';
import type { HistoryEvent } from '../model/execution.js';
import type { HeldEvents } from '../core/held-events.js';
import type { ReconcileDeps } from './deps.js';
import { pushedContinuation } from './pushed-events.js';

/** Events per GetExecutionHistory page, to count a reverse read in calls. */
const PAGE_SIZE = 1000;

/**
 * HistoryRead: the events read, and the token of the next forward page if the forward read goes
 * on; `deferred` when the push path's history budget refused the read (nothing was read).
 */
export interface HistoryRead {
  readonly events: readonly HistoryEvent[];
  readonly historyToken?: string | undefined;
  readonly deferred?: true | undefined;
  /** Push path without a history read: the pushed events after the gap, to hold on the meta row. */
  readonly held?: HeldEvents | undefined;
}

/**
 * readNewHistory reads the next batch after `cursor`. `forwardToken` is the saved token (or
 * undefined); `forward` says whether this round reads forward at all.
 */
export async function readNewHistory(
  executionArn: string,
  from: { readonly cursor: number; readonly forwardToken?: string | undefined; readonly forward: boolean },
  deps: Pick<ReconcileDeps, 'history' | 'log' | 'pushed' | 'historyBudget' | 'counters'>,
  signal?: AbortSignal,
): Promise<HistoryRead> {
  const { pushed } = deps;
  if (pushed === undefined) return readHistory(executionArn, from, deps, signal);
  const continuation = pushed.stale === true ? undefined : pushedContinuation(pushed, from.cursor, from.forwardToken);
  if (continuation !== undefined) {
    pushed.use.saved += 1;
    return continuation;
  }
  if (deps.historyBudget !== undefined && !(await deps.historyBudget.take(signal))) {
    deps.counters.count('PushHistoryReadsRefused');
    return { events: [], deferred: true };
  }
  const read = await readHistory(executionArn, from, deps, signal);
  const calls = read.historyToken !== undefined || from.forward ? 1 : Math.max(1, Math.ceil(read.events.length / PAGE_SIZE));
  pushed.use.spent += calls;
  deps.counters.count('PushHistoryReads', calls);
  return read;
}

async function readHistory(
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
