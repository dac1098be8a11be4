/**
 * Records of a Standard execution held on its meta row after a gap (push path). Step Functions
 * writes one execution's records into more than one log stream and CloudWatch Logs delivers
 * each stream on its own, so one delivery often brings records 1, 3, 5 and another, a moment
 * later, 2, 4, 6. The contiguous part is applied at once; what follows the gap waits here until
 * a later delivery fills it, or until a history read (which has everything) covers it.
 *
 * ```text
 * cursor 4, held [7]      + pushed [5, 9]  → apply [5]        hold [7, 9]   (6 missing)
 * cursor 5, held [7, 9]   + pushed [6, 8]  → apply [6 … 9]    hold []
 * gap older than PUSH_GAP_WAIT_SECONDS, or more than the bounds  → read history (budgeted)
 * ```
 *
 * Same bounds as the Express records held on the row (core/express.ts), so the 400 KB item
 * keeps room for the checkpoint.
 */
import type { HistoryEvent } from '../model/execution.js';
import { MAX_HELD_BYTES, unapplied } from './express.js';

/** HeldEvent: a history event that came as a log record, with the record's redrive count. */
export interface HeldEvent extends HistoryEvent {
  readonly redriveCount: number;
}

/** HeldEvents: events after a gap, ascending by id, unique; `since` is when the gap was first seen (epoch ms). */
export interface HeldEvents {
  readonly events: readonly HeldEvent[];
  readonly since?: number | undefined;
}

/** Most events a Standard execution holds after a gap; more and the gap is repaired from history at once. */
export const MAX_HELD_STANDARD_EVENTS = 200;

export const NOTHING_HELD: HeldEvents = Object.freeze({ events: [] });

/** fitsHeld says whether these events may be held on the row (count and bytes). */
export function fitsHeld(events: readonly HeldEvent[]): boolean {
  return events.length <= MAX_HELD_STANDARD_EVENTS && Buffer.byteLength(serializeHeldEvents({ events }) ?? '', 'utf8') <= MAX_HELD_BYTES;
}

/** serializeHeldEvents writes compact JSON (events as tuples); undefined when nothing is held (removes the attribute). */
export function serializeHeldEvents(held: HeldEvents): string | undefined {
  if (held.events.length === 0) return undefined;
  return JSON.stringify({
    v: 1,
    h: held.events.map((e) => [e.id, e.previousEventId, e.timestamp, e.type, e.redriveCount, e.details ?? null]),
    s: held.since ?? null,
  });
}

/**
 * parseHeldEvents reads what serializeHeldEvents wrote. Unreadable text counts as nothing held:
 * the records are then missing, a gap the next delivery or the sweep repairs from history.
 */
export function parseHeldEvents(text: string | undefined): HeldEvents {
  if (text === undefined) return NOTHING_HELD;
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (data.v !== 1 || !Array.isArray(data.h)) return NOTHING_HELD;
    const events = (data.h as unknown[][]).map(
      ([id, previousEventId, timestamp, type, redriveCount, details]): HeldEvent => ({
        id: Number(id),
        previousEventId: Number(previousEventId),
        timestamp: Number(timestamp),
        type: String(type),
        redriveCount: Number(redriveCount),
        details: details === null ? undefined : details,
      }),
    );
    return { events, since: typeof data.s === 'number' ? data.s : undefined };
  } catch {
    return NOTHING_HELD;
  }
}

/** mergeHeld: held and incoming events after `cursor`, ascending, one per id. */
export function mergeHeld(cursor: number, held: readonly HeldEvent[], incoming: readonly HeldEvent[]): HeldEvent[] {
  return unapplied(cursor, held, incoming) as HeldEvent[];
}

/** Split: the events that continue `cursor` without a gap, and those after the first gap. */
export interface Split {
  readonly ready: readonly HeldEvent[];
  readonly rest: readonly HeldEvent[];
}

/** splitAtGap splits ascending unique events after `cursor` at the first missing id. */
export function splitAtGap(cursor: number, events: readonly HeldEvent[]): Split {
  let contiguous = 0;
  while (contiguous < events.length && events[contiguous]?.id === cursor + contiguous + 1) contiguous += 1;
  return { ready: events.slice(0, contiguous), rest: events.slice(contiguous) };
}

/**
 * stillHeld: what stays held once the cursor reached `cursor`: the events above it, with the
 * time their gap was first seen (`since` kept when some of them were held already, else `now`).
 */
export function stillHeld(cursor: number, before: HeldEvents, pool: readonly HeldEvent[], now: number): HeldEvents {
  const events = pool.filter((event) => event.id > cursor);
  if (events.length === 0) return NOTHING_HELD;
  const heldBefore = new Set(before.events.map((event) => event.id));
  const since = before.since !== undefined && events.some((event) => heldBefore.has(event.id)) ? before.since : now;
  return { events, since };
}
