/**
 * How a round uses events pushed through CloudWatch Logs (reconcile/apply-log-batch.ts) in
 * place of Step Functions' answers, when they are enough:
 *
 * - withRowHeld: once the sync holds the lease, the records the meta row held after an earlier
 *   gap are merged with the pushed ones (core/held-events.ts).
 * - pushedContinuation: the part of the pushed events that continues the tracked cursor without
 *   a gap (ids are 1, 2, 3 … with no hole, docs/step-functions-signals.md#history-events) IS
 *   the history the round would read, and is applied at once; the events after the first gap are
 *   held on the meta row for a later delivery (the execution's other log stream) to fill. Only a
 *   gap held longer than PUSH_GAP_WAIT_SECONDS, or more than the row may hold, makes the round
 *   read history (budgeted) instead.
 * - heldAfterRead: what stays held after a round that read history (which covers what it read).
 * - pushedDescription: what DescribeExecution would say, from the ARN, the meta row and the
 *   applied events, so a round with pushed events needs no Step Functions call at all. Only for
 *   Standard executions (not Map Run children, whose description carries their Map Run) whose
 *   start is known.
 */
import { END_STATUS } from '../core/on-execution.js';
import type { ExecutionDescription, HistoryEvent } from '../model/execution.js';
import { parseExecutionArn } from '../model/execution-arn.js';
import type { ExecutionMeta } from '../ports.js';
import type { HeldEvents } from '../core/held-events.js';
import { fitsHeld, mergeHeld, NOTHING_HELD, parseHeldEvents, splitAtGap, stillHeld } from '../core/held-events.js';
import type { PushedEvents } from './deps.js';

/** PushedRound: the events a round applies from the push path, and what stays held on the row after it. */
export interface PushedRound {
  readonly events: readonly HistoryEvent[];
  readonly held: HeldEvents;
}

/** withRowHeld merges what the meta row holds into the pushed events (read at `now`). */
export function withRowHeld(pushed: PushedEvents, meta: ExecutionMeta, now: number): PushedEvents {
  const rowHeld = parseHeldEvents(meta.heldEvents);
  return { ...pushed, events: mergeHeld(meta.cursor, rowHeld.events, pushed.events), rowHeld, at: now };
}

/**
 * pushedContinuation returns the pushed events after `cursor` that continue it without a gap
 * (possibly none) and what to hold after them, or undefined when history must be read: a gap
 * that waited `gapWaitMs` already or does not fit on the row, or a forward read (`forwardToken`)
 * that the pushed events do not go past.
 */
export function pushedContinuation(pushed: PushedEvents, cursor: number, forwardToken: string | undefined): PushedRound | undefined {
  const fresh = pushed.events.filter((event) => event.id > cursor);
  const { ready, rest } = splitAtGap(cursor, fresh);
  if (ready.length === 0 && forwardToken !== undefined) return undefined;
  if (rest.length === 0) return { events: ready, held: NOTHING_HELD };
  const now = pushed.at ?? 0;
  const held = stillHeld(cursor + ready.length, pushed.rowHeld ?? NOTHING_HELD, rest, now);
  const waited = now - (held.since ?? now) >= pushed.gapWaitMs;
  return waited || !fitsHeld(held.events) ? undefined : { events: ready, held };
}

/**
 * heldAfterRead: what stays held once a round that read history reached `cursor` (a history
 * read to the end covers every record logged, so usually nothing). Rounds without pushed events
 * (the sweep, a status-change event) clear what the row held up to their cursor.
 */
export function heldAfterRead(meta: ExecutionMeta, pushed: PushedEvents | undefined, cursor: number, now: number): HeldEvents {
  const before = pushed?.rowHeld ?? parseHeldEvents(meta.heldEvents);
  const held = stillHeld(cursor, before, pushed?.events ?? before.events, now);
  return fitsHeld(held.events) ? held : NOTHING_HELD;
}

/**
 * pushedDescription synthesizes the execution's description from the events the round applies
 * (`applied`), or undefined when only DescribeExecution can say. A first sight that applies
 * nothing (its first records are in the other stream) is RUNNING since its earliest held record.
 */
export function pushedDescription(meta: ExecutionMeta, pushed: PushedEvents, applied: readonly HistoryEvent[]): ExecutionDescription | undefined {
  const arn = parseExecutionArn(meta.executionArn);
  if (arn?.kind !== 'standard') return undefined;
  const ids = new Set(applied.map((event) => event.id));
  const events = pushed.events.filter((event) => ids.has(event.id));
  const started = events.find((event) => event.type === 'ExecutionStarted');
  const firstHeld = meta.cursor === 0 && events.length === 0 ? pushed.events[0]?.timestamp : undefined;
  const startDate = started?.timestamp ?? meta.startDate ?? firstHeld;
  if (startDate === undefined) return undefined;
  const redriveCount = events.reduce((max, event) => Math.max(max, event.redriveCount), meta.redriveCount);
  const base = { executionArn: meta.executionArn, stateMachineArn: arn.stateMachineArn, name: arn.name, startDate, redriveCount };
  const end = events.findLast((event) => event.redriveCount === redriveCount && END_STATUS[event.type] !== undefined);
  if (end !== undefined) {
    return {
      ...base,
      status: END_STATUS[end.type] ?? 'FAILED',
      stopDate: end.timestamp,
      error: end.details?.error,
      cause: end.details?.cause,
    };
  }
  // Nothing of this run's end was pushed: the row's status stands if it is of this run (an
  // ended run stays ended until a redrive, which raises the count), else the run is going on.
  const status = meta.redriveCount === redriveCount && meta.status !== undefined ? meta.status : 'RUNNING';
  return { ...base, status };
}
