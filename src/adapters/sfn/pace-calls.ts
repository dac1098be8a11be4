/**
 * paceCalls spaces the HTTP requests of chosen Step Functions operations evenly, so long work
 * (a backfill) stays within a share of an account-wide quota that the functions also draw from
 * (GetExecutionHistory: 20 per second, shared by every caller in the account and Region). It is
 * a middleware on the client: each attempt is paced, an SDK retry included, because AWS counts
 * every request against the quota.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { setTimeout as sleep } from 'node:timers/promises';

/** CallPacer tells how many paced requests went out and how long they waited in all. */
export interface CallPacer {
  readonly requests: number;
  readonly waitedMs: number;
}

/** PaceOptions: the operations to pace (e.g. 'GetExecutionHistory') and the rate, in requests per second. */
export interface PaceOptions {
  readonly operations: readonly string[];
  readonly perSecond: number;
  /** Clock in epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/**
 * paceCalls adds the pacing middleware to `client` and returns its running tally.
 * @example
 * const pacer = paceCalls(client, { operations: ['GetExecutionHistory'], perSecond: 5 });
 */
export function paceCalls(client: SFNClient, options: PaceOptions): CallPacer {
  if (!(options.perSecond > 0) || !Number.isFinite(options.perSecond)) {
    throw new RangeError(`perSecond must be a positive number, not ${String(options.perSecond)}.`);
  }
  const spacingMs = 1000 / options.perSecond;
  const commands = new Set(options.operations.map((operation) => `${operation}Command`));
  const now = options.now ?? Date.now;
  const tally = { requests: 0, waitedMs: 0 };
  let nextSlot = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (commands.has(context.commandName ?? '')) {
        // The slot is taken synchronously, so concurrent requests queue up one spacing apart.
        const at = Math.max(now(), nextSlot);
        nextSlot = at + spacingMs;
        const waitMs = at - now();
        tally.requests += 1;
        tally.waitedMs += waitMs;
        if (waitMs > 0) await sleep(waitMs);
      }
      return next(args);
    },
    // Below the retry middleware (finalizeRequest), so every attempt is paced.
    { step: 'deserialize', name: 'paceCalls', override: true },
  );
  return tally;
}
