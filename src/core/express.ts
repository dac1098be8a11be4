/**
 * Express executions, purely: Step Functions keeps no history for them, so their CloudWatch
 * Logs records (turned into history events) are the only source. This file decides which of
 * them the tree builder may take now, what is held back while a gap may still fill, which
 * restarted run a record belongs to, and the few job-level notes that only Express needs.
 *
 * ```text
 * cursor 4, held [7]      + records [5, 9]  → ready [5]          held [7, 9]  (6 missing: wait)
 * … gap wait passed / too much held / outcome time passed      → ready [7, 9]  missing = true
 * ```
 *
 * History event ids of one run are consecutive from 1, so a gap is exactly a missing id.
 * @internal the reconciler (src/reconcile/express) is the only caller
 */
import type { DesiredState, DesiredStep } from '../model/desired.js';
import type { HistoryEvent } from '../model/execution.js';
import type { ExecutionTree } from '../model/tree.js';
import { jobKey, stepKey } from './object-key.js';
import { truncate } from './text.js';

/** ExpressLimits bound how long and how much an Express execution holds after a gap. */
export interface ExpressLimits {
  /** How long records after a gap wait for it to fill (EXPRESS_GAP_WAIT_SECONDS), in ms. */
  readonly gapWaitMs: number;
  /** Most events held after a gap (EXPRESS_MAX_HELD_EVENTS); more gives the gap up at once. */
  readonly maxHeldEvents: number;
}

/** Most bytes of held events kept on the meta row (its 400 KB item also holds the checkpoint). */
export const MAX_HELD_BYTES = 32 * 1024;

/** Most restarted runs one Express execution keeps apart; later ones go to the newest known run. */
export const MAX_EXPRESS_RUNS = 10;

/**
 * ExpressState is what an Express execution keeps on its meta row beyond the tree checkpoint.
 * `starts` (first identity only) lists the ExecutionStarted timestamps seen, in the order they
 * were first seen: index 0 is the run mirrored under the execution ARN itself.
 */
export interface ExpressState {
  /** Events after a gap, ascending by id, unique. */
  readonly held: readonly HistoryEvent[];
  /** When the oldest gap still open was first seen (epoch ms); undefined when nothing is held. */
  readonly heldSince?: number | undefined;
  /** Some events were given up on: the job gets the note step. */
  readonly missing: boolean;
  /** The run's outcome never arrived in time: the job was ended failed with the note step. */
  readonly outcomeUnlogged: boolean;
  /** Over the cap: nothing of this execution is mirrored (decided once, at first sight). */
  readonly notMirrored: boolean;
  /** Decided at first sight (mirrored or counted over the cap). */
  readonly admitted: boolean;
  readonly starts: readonly number[];
  /**
   * When this table first saw a record of the run (epoch ms). A run is not ended for lack of its
   * outcome before a gap wait has passed since, so a late delivery (a retry, a replay from the
   * dead-letter queue) still gets its other batches in.
   */
  readonly firstSeenAt?: number | undefined;
  /** The latest timestamp of an event applied to this run (epoch ms). */
  readonly lastAppliedAt?: number | undefined;
}

export const EMPTY_EXPRESS_STATE: ExpressState = Object.freeze({
  held: [],
  missing: false,
  outcomeUnlogged: false,
  notMirrored: false,
  admitted: false,
  starts: [],
});

/** The notes only Express jobs get (job-level steps, fixed words). */
export const EXPRESS_NOTES = Object.freeze({
  missing: 'Some events were not logged',
  outcomeUnlogged: 'Outcome not logged by Step Functions',
});

/** Status saved on the meta row of a run ended for lack of its outcome record. */
export const OUTCOME_NOT_LOGGED = 'OUTCOME_NOT_LOGGED';

/** serializeExpressState writes the state as compact JSON (held events as tuples). */
export function serializeExpressState(state: ExpressState): string {
  return JSON.stringify({
    v: 1,
    h: state.held.map((e) => [e.id, e.previousEventId, e.timestamp, e.type, e.details ?? null]),
    s: state.heldSince ?? null,
    m: state.missing,
    o: state.outcomeUnlogged,
    n: state.notMirrored,
    a: state.admitted,
    r: state.starts,
    f: state.firstSeenAt ?? null,
    l: state.lastAppliedAt ?? null,
  });
}

/**
 * parseExpressState reads what serializeExpressState wrote; anything unreadable counts as an
 * empty state whose held events are lost, which the next give-up reports as missing events.
 */
export function parseExpressState(text: string | undefined): ExpressState {
  if (text === undefined) return EMPTY_EXPRESS_STATE;
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (data.v !== 1 || !Array.isArray(data.h) || !Array.isArray(data.r)) return { ...EMPTY_EXPRESS_STATE, missing: true };
    const held = (data.h as unknown[][]).map(
      ([id, previousEventId, timestamp, type, details]): HistoryEvent => ({
        id: Number(id),
        previousEventId: Number(previousEventId),
        timestamp: Number(timestamp),
        type: String(type),
        details: details === null ? undefined : (details),
      }),
    );
    return {
      held,
      heldSince: typeof data.s === 'number' ? data.s : undefined,
      missing: data.m === true,
      outcomeUnlogged: data.o === true,
      notMirrored: data.n === true,
      admitted: data.a === true,
      starts: (data.r as unknown[]).filter((value): value is number => typeof value === 'number'),
      firstSeenAt: typeof data.f === 'number' ? data.f : undefined,
      lastAppliedAt: typeof data.l === 'number' ? data.l : undefined,
    };
  } catch {
    return { ...EMPTY_EXPRESS_STATE, missing: true };
  }
}

/** Ready is what takeReady hands to the tree builder, and the state to save. */
export interface Ready {
  readonly events: HistoryEvent[];
  readonly state: ExpressState;
}

/**
 * takeReady merges held and incoming events (duplicates by id dropped, ids at or below the
 * cursor dropped: already applied) and returns those that continue the cursor without a gap.
 * The rest are held, unless the gap is given up: it was first seen `gapWaitMs` ago, more than
 * `maxHeldEvents` (or MAX_HELD_BYTES) would be held, or `giveUp` (the run's time is over). A
 * given-up gap releases everything held and marks events missing; ids that arrive later at or
 * below the new cursor are dropped, so a lost early record never blocks later ones.
 */
export function takeReady(
  cursor: number,
  state: ExpressState,
  incoming: readonly HistoryEvent[],
  now: number,
  limits: ExpressLimits,
  giveUp = false,
): Ready {
  const pool = unapplied(cursor, state.held, incoming);
  let contiguous = 0;
  while (contiguous < pool.length && pool[contiguous]?.id === cursor + contiguous + 1) contiguous += 1;
  const rest = pool.slice(contiguous);
  if (rest.length === 0) return { events: pool, state: { ...state, held: [], heldSince: undefined } };
  const heldSince = state.heldSince ?? now;
  const tooMuch = rest.length > limits.maxHeldEvents || heldBytes(rest) > MAX_HELD_BYTES;
  if (giveUp || tooMuch || now - heldSince >= limits.gapWaitMs) {
    return { events: pool, state: { ...state, held: [], heldSince: undefined, missing: true } };
  }
  return { events: pool.slice(0, contiguous), state: { ...state, held: rest, heldSince } };
}

/** unapplied merges held and incoming events after `cursor`: ascending, one per id (the first seen wins). */
export function unapplied(cursor: number, held: readonly HistoryEvent[], incoming: readonly HistoryEvent[]): HistoryEvent[] {
  const byId = new Map<number, HistoryEvent>();
  for (const event of [...held, ...incoming]) if (event.id > cursor && !byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function heldBytes(events: readonly HistoryEvent[]): number {
  return Buffer.byteLength(JSON.stringify(events), 'utf8');
}

/**
 * orphansOfEndedRun: records that reach a run already ended and closed yet are newer than
 * anything applied to it can only be a restart's whose ExecutionStarted record has not arrived:
 * they are held (bounded) until it does, when the split by time hands them to the restart.
 */
export function orphansOfEndedRun(state: ExpressState, incoming: readonly HistoryEvent[], limits: ExpressLimits): HistoryEvent[] {
  const after = state.lastAppliedAt;
  if (after === undefined) return [];
  const byKey = new Map<string, HistoryEvent>();
  for (const event of [...state.held, ...incoming]) if (event.timestamp > after) byKey.set(`${event.id}@${event.timestamp}`, event);
  const orphans = [...byKey.values()].sort((a, b) => a.timestamp - b.timestamp);
  const fits = orphans.slice(0, limits.maxHeldEvents);
  while (fits.length > 0 && heldBytes(fits) > MAX_HELD_BYTES) fits.pop();
  return fits;
}

/** isExecutionStart says whether an event opens a run (a restart opens another one). */
export const isExecutionStart = (event: HistoryEvent): boolean => event.type === 'ExecutionStarted';

/**
 * knownStarts adds the ExecutionStarted timestamps of `events` to `starts` (first-seen order
 * kept across deliveries, oldest first within one, at most MAX_EXPRESS_RUNS). A second ExecutionStarted with another timestamp for the same
 * ARN is a restart of an asynchronous Express execution (it runs at least once).
 */
export function knownStarts(starts: readonly number[], events: readonly HistoryEvent[]): number[] {
  const next = [...starts];
  // Starts new in one delivery are taken oldest first, so the original run keeps the ARN when
  // it and its restart arrive together.
  const fresh = events.filter(isExecutionStart).map((event) => event.timestamp).sort((a, b) => a - b);
  for (const start of fresh) if (!next.includes(start) && next.length < MAX_EXPRESS_RUNS) next.push(start);
  return next;
}

/**
 * runOf assigns a record to a run by time: the run whose start is the latest at or before the
 * record's timestamp; a record older than every known start goes to the earliest start. The
 * answer is the index in `starts` (first-seen order), 0 when no start is known.
 */
export function runOf(starts: readonly number[], event: HistoryEvent): number {
  let best = -1;
  let earliest = 0;
  starts.forEach((start, index) => {
    if (start < (starts[earliest] ?? Infinity)) earliest = index;
    if (start <= event.timestamp && (best === -1 || start > (starts[best] ?? -Infinity))) best = index;
  });
  return best === -1 ? earliest : best;
}

/**
 * withExpressNotes adds the Express notes to the desired state of run 0:
 * - `missing`: a job-level step `Some events were not logged`, ended finished (it must not fail the job);
 * - `outcomeUnlogged`: the job ends failed, with a job-level step `Outcome not logged by Step
 *   Functions` left open so the job's end closes it failed, like every step still open.
 * A run that already ended keeps its own outcome.
 */
export function withExpressNotes(desired: DesiredState, tree: ExecutionTree, state: ExpressState, maxLength: number): DesiredState {
  const job = desired.jobs.find((candidate) => candidate.run === 0);
  if (job === undefined) return desired;
  const notes: DesiredStep[] = [];
  const note = (path: string, description: string, end: 'finished' | null): DesiredStep => ({
    key: stepKey(0, path),
    jobKey: jobKey(0),
    parentKey: null,
    description: truncate(description, maxLength),
    type: 'finalizing',
    end,
  });
  if (state.missing) notes.push(note('express.missing', EXPRESS_NOTES.missing, 'finished'));
  const unlogged = state.outcomeUnlogged && tree.runs[0]?.status === 'RUNNING';
  if (unlogged) notes.push(note('express.unlogged', EXPRESS_NOTES.outcomeUnlogged, null));
  if (notes.length === 0) return desired;
  return {
    jobs: desired.jobs.map((candidate) => (candidate === job && unlogged ? { ...candidate, end: 'failed' as const } : candidate)),
    steps: [...desired.steps, ...notes],
  };
}

/** capWindowStart is the start (epoch ms) of the cap window holding `at`. */
export const capWindowStart = (at: number, windowMs: number): number => Math.floor(at / windowMs) * windowMs;

/**
 * capSummaryDescription: `billing-notify: 1,240 Express executions not mirrored between 16:05
 * and 16:06 UTC (cap 60/min)`.
 */
export function capSummaryDescription(stateMachineName: string, count: number, windowStart: number, windowMs: number, cap: number, maxLength: number): string {
  const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
  const executions = count === 1 ? 'Express execution' : 'Express executions';
  const text =
    `${stateMachineName}: ${count.toLocaleString('en-US')} ${executions} not mirrored between ` +
    `${hhmm(windowStart)} and ${hhmm(windowStart + windowMs)} UTC (cap ${cap}/min)`;
  return truncate(text, maxLength);
}
