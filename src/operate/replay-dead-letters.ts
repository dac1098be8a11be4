/**
 * replayDeadLetters works through the dead-letter queue: each message is read (readDeadLetter),
 * its event run again through the handler it was meant for, and the message deleted only once
 * that handler has accepted the event (converged, or pending: the sweep carries on). A message
 * whose event fails again, or that is malformed, is kept and reported. Events are idempotent
 * (the reconciler is level-triggered), so replaying one twice is harmless; losing one is not,
 * which is why deletion comes strictly after success.
 *
 * Messages are taken in batches and hidden from other readers while the run works on them;
 * those kept are made visible again when the run ends (also when interrupted), so the next run
 * sees them at once. The report never holds an event's content (it carries the execution's
 * input): only message ids, what the event is, the execution ARN and error names and messages.
 */
import type { Context } from 'aws-lambda';
import { isExecutionArn } from '../events/status-change.js';
import type { DeadLetterOrigin, FirstFailure, ReplayTarget } from './dead-letter.js';
import { readDeadLetter } from './dead-letter.js';
import type { DeadLetterQueue, ReceivedMessage } from './dead-letter-queue.js';
import type { ReplayHandlers } from './replay-handlers.js';

/** SQS's largest receive. */
const BATCH = 10;
/**
 * How long a received batch stays hidden: time to replay ten events one after another, each
 * bounded by the function's timeout (60 s for onExecutionEvent), with room to spare.
 */
const HIDE_SECONDS = 900;
/** Longest error message kept in the report. */
const MAX_ERROR_TEXT = 500;

/** ReplayResult is how one message ended. */
export type ReplayResult = 'replayed' | 'failed' | 'malformed' | 'would-replay' | 'not-deleted';

/** ReplayItem is one message in the report. */
export interface ReplayItem {
  readonly messageId: string;
  readonly result: ReplayResult;
  /** How many times the queue has handed this message out, this run included. */
  readonly receiveCount: number;
  readonly target?: ReplayTarget | undefined;
  readonly origin?: DeadLetterOrigin | undefined;
  /** The execution named by a status-change event (never anything else of the event). */
  readonly executionArn?: string | undefined;
  /** What the handler answered: converged, pending, or done (a handler without an Outcome). */
  readonly outcome?: string | undefined;
  /** Why a malformed message cannot be replayed. */
  readonly reason?: string | undefined;
  /** The replay's error (failed), or the delete's (not-deleted). */
  readonly errorName?: string | undefined;
  readonly errorMessage?: string | undefined;
  /** What the on-failure record says about the failure that put the event here. */
  readonly firstFailure?: FirstFailure | undefined;
}

/** ReplayReport is what one run did. */
export interface ReplayReport {
  readonly queueUrl: string;
  readonly dryRun: boolean;
  readonly items: ReplayItem[];
  /** True when the run stopped on Ctrl-C before the queue (or --max) was done. */
  interrupted: boolean;
  /** Set when the queue itself could not be read; the run stopped there. */
  queueError?: { readonly name: string; readonly message: string };
}

/** ReplayOptions: the queue, the handlers, and how far to go. */
export interface ReplayOptions {
  readonly queue: DeadLetterQueue;
  readonly handlers: ReplayHandlers;
  /** Messages looked at, at most. */
  readonly max: number;
  readonly dryRun: boolean;
  /** A fresh Lambda context for each replay of `target`. */
  readonly lambdaContext: (target: ReplayTarget) => Context;
  /** Called after each message (progress). */
  readonly onItem?: ((item: ReplayItem) => void) | undefined;
  readonly signal: AbortSignal;
}

/** replayDeadLetters runs through the queue (see the file comment). */
export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayReport> {
  const { queue, signal } = options;
  const report: ReplayReport = { queueUrl: queue.url, dryRun: options.dryRun, items: [], interrupted: false };
  const seen = new Set<string>();
  // Received and not deleted, by message id with the newest receipt handle: given back at the end.
  const held = new Map<string, ReceivedMessage>();
  try {
    while (report.items.length < options.max && !signal.aborted) {
      const batch = await queue.receive(Math.min(BATCH, options.max - report.items.length), HIDE_SECONDS, signal);
      for (const message of batch) held.set(message.messageId, message);
      const fresh = batch.filter((message) => !seen.has(message.messageId));
      // Empty, or only messages this run already handled (back after HIDE_SECONDS): done.
      if (fresh.length === 0) break;
      for (const message of fresh) {
        if (signal.aborted) break;
        seen.add(message.messageId);
        const item = await replayOne(message, options);
        if (item.result === 'replayed') held.delete(message.messageId);
        report.items.push(item);
        options.onItem?.(item);
      }
    }
  } catch (error) {
    if (!signal.aborted) report.queueError = { name: (error as Error).name, message: (error as Error).message };
  } finally {
    report.interrupted = signal.aborted;
    // Best effort, without the run's signal (it may be aborted): a message not given back
    // becomes visible by itself after HIDE_SECONDS.
    await Promise.allSettled([...held.values()].map((message) => queue.release(message)));
  }
  return report;
}

async function replayOne(message: ReceivedMessage, options: ReplayOptions): Promise<ReplayItem> {
  const letter = readDeadLetter(message.body);
  const base = { messageId: message.messageId, receiveCount: message.receiveCount };
  if (letter.kind === 'malformed') return { ...base, result: 'malformed', reason: letter.reason };
  const described: ReplayItem = {
    ...base,
    result: 'would-replay',
    target: letter.target,
    origin: letter.origin,
    executionArn: executionArnOf(letter.event),
    firstFailure: letter.firstFailure,
  };
  if (options.dryRun) return described;
  const handler = options.handlers[letter.target];
  if (handler === undefined) {
    return {
      ...described,
      result: 'failed',
      errorName: 'NoReplayHandler',
      errorMessage: `This version of ovirt-pipeline-jobs has no ${letter.target} handler to replay the event with; run replay-dlq from the version deployed.`,
    };
  }
  let answer: unknown;
  try {
    answer = await handler(letter.event, options.lambdaContext(letter.target));
  } catch (error) {
    return { ...described, result: 'failed', ...errorFields(error) };
  }
  const replayed: ReplayItem = { ...described, result: 'replayed', outcome: outcomeOf(answer) };
  try {
    // Not under the run's signal: once replayed, the message is deleted even if Ctrl-C came meanwhile.
    await options.queue.delete(message);
  } catch (error) {
    return { ...replayed, result: 'not-deleted', ...errorFields(error) };
  }
  return replayed;
}

/** outcomeOf names a handler's answer: an Outcome's kind, or `done`. */
function outcomeOf(answer: unknown): string {
  const kind = (answer as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === 'string' ? kind : 'done';
}

/** executionArnOf takes a status change's execution ARN when it has the shape of one (never other event data). */
function executionArnOf(event: unknown): string | undefined {
  const arn = (event as { detail?: { executionArn?: unknown } } | null | undefined)?.detail?.executionArn;
  return typeof arn === 'string' && isExecutionArn(arn) ? arn : undefined;
}

function errorFields(error: unknown): { errorName: string; errorMessage: string } {
  const e = error instanceof Error ? error : new Error(String(error));
  return { errorName: e.name, errorMessage: e.message.slice(0, MAX_ERROR_TEXT) };
}
