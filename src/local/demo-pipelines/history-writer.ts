/**
 * HistoryWriter writes a Step Functions execution history the way AWS records it: SDK-shaped
 * events (one `*EventDetails` member each) whose `previousEventId` links each event to the
 * previous event of its own thread (the top level, one Map iteration, one Parallel branch), not
 * to id − 1 (docs/step-functions-signals.md#previous-event-id). It is the one history writer of the project: the demo pipelines, the benchmark,
 * the chaos suite and the core unit tests all write their histories with it.
 *
 * Two ways to write, one per writer:
 * - Threads (`root()`, `Thread.emit`, `fork`, `join`): each thread has its own clock and chain;
 *   ids are assigned at the end in timestamp order, which interleaves concurrent threads as a
 *   real history does. The demo pipelines are written this way.
 * - In id order (`append`): each event gets the next id, `stepMs` after the previous one, and
 *   points at the id it is given, as is (a test may point at an id that does not exist).
 *
 * ```text
 * root:  ExecutionStarted(→0) · MapStateEntered(→0) · MapStateStarted ─┬─ it0: MapIterationStarted(→MapStateStarted) …
 *                                                                      └─ it1: MapIterationStarted(→MapStateStarted) …
 *        MapStateSucceeded(→last iteration end) · MapStateExited(→same) · next state(→MapStateExited)
 * ```
 */
import type { SdkHistoryEvent } from '../sfn-stub/index.js';

/**
 * DraftEvent is an event before ids are assigned. `prev` is its thread predecessor, or (written
 * in id order) the id it points at. @internal
 */
export interface DraftEvent {
  readonly type: string;
  /** Milliseconds since the execution started. */
  readonly atMs: number;
  readonly seq: number;
  readonly prev: DraftEvent | number | null;
  /** The content of the event's `*EventDetails` member. */
  readonly details?: object | undefined;
}

/** EmitOptions: `advance: false` leaves the thread's chain where it was (iteration ends); `prev` overrides the link. */
export interface EmitOptions {
  readonly advance?: boolean;
  readonly prev?: DraftEvent | null;
}

/** detailsMember names the `*EventDetails` member of an event type, as the SDK does. */
export function detailsMember(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** Thread is one chain of events with its own clock (seconds since the execution started). */
export class Thread {
  /** tip is the event the next event of this thread points at (null = 0). */
  tip: DraftEvent | null;
  private clock: number;

  constructor(
    private readonly writer: HistoryWriter,
    clock: number,
    tip: DraftEvent | null,
  ) {
    this.clock = clock;
    this.tip = tip;
  }

  /** now is the thread's clock in seconds. */
  get now(): number {
    return this.clock;
  }

  /** wait moves the thread's clock `seconds` forward. */
  wait(seconds: number): this {
    this.clock += seconds;
    return this;
  }

  /** emit records an event at the thread's clock and returns it. */
  emit(type: string, details?: Record<string, unknown>, options: EmitOptions = {}): DraftEvent {
    const event = this.writer.record(type, this.clock * 1000, options.prev === undefined ? this.tip : options.prev, details);
    if (options.advance !== false) this.tip = event;
    return event;
  }

  /** fork starts `count` threads here whose first events point at this thread's tip (a `*StateStarted` marker). */
  fork(count: number): Thread[] {
    return Array.from({ length: count }, () => new Thread(this.writer, this.clock, this.tip));
  }

  /** join waits for `threads` and returns the latest event among their tips (what the container's end points at). */
  join(threads: readonly Thread[]): DraftEvent | null {
    let latest: DraftEvent | null = null;
    for (const thread of threads) {
      this.clock = Math.max(this.clock, thread.now);
      const tip = thread.tip;
      if (tip !== null && (latest === null || tip.atMs > latest.atMs || (tip.atMs === latest.atMs && tip.seq > latest.seq))) latest = tip;
    }
    return latest;
  }
}

/** HistoryWriter collects draft events and numbers them (see the file comment). */
export class HistoryWriter {
  private readonly drafts: DraftEvent[] = [];
  private threaded = false;

  /**
   * @param startMs epoch ms of the execution's start: the threads' time 0, and the time of the
   *   first event written with `append`.
   * @param stepMs time between two events written with `append`.
   */
  constructor(
    private readonly startMs: number,
    private readonly stepMs = 100,
  ) {}

  /** size is the number of events written so far. */
  get size(): number {
    return this.drafts.length;
  }

  /** root is the top-level thread, starting at 0 s with no predecessor. */
  root(): Thread {
    this.threaded = true;
    return new Thread(this, 0, null);
  }

  /**
   * append writes the next event in id order, pointing at event `prev` (0 = none), and returns
   * its id. `details` is the content of the event's `*EventDetails` member.
   */
  append(type: string, prev: number, details?: object): number {
    // Ids of thread events are known only once all are written; mixing would misnumber.
    if (this.threaded) throw new Error('History script error: append cannot be mixed with threads in one HistoryWriter.');
    this.drafts.push({ type, atMs: this.drafts.length * this.stepMs, seq: this.drafts.length, prev, details });
    return this.drafts.length;
  }

  /** record adds one draft event of a thread. @internal */
  record(type: string, atMs: number, prev: DraftEvent | null, details?: Record<string, unknown>): DraftEvent {
    if (prev !== null && prev.atMs > atMs) throw new Error(`History script error: ${type} at ${atMs / 1000}s comes before its predecessor ${prev.type}.`);
    const event: DraftEvent = { type, atMs, seq: this.drafts.length, prev, details };
    this.drafts.push(event);
    return event;
  }

  /** events numbers the drafts in time order (creation order on ties) and returns SDK-shaped events. */
  events(): SdkHistoryEvent[] {
    const ordered = [...this.drafts].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    const ids = new Map<DraftEvent, number>(ordered.map((event, index) => [event, index + 1]));
    return ordered.map((event) => {
      const id = ids.get(event) ?? 0;
      const previousEventId = event.prev === null ? 0 : typeof event.prev === 'number' ? event.prev : (ids.get(event.prev) ?? 0);
      const base: SdkHistoryEvent = { id, previousEventId, type: event.type, timestamp: new Date(this.startMs + Math.round(event.atMs)).toISOString() };
      return event.details === undefined ? base : { ...base, [detailsMember(event.type)]: event.details };
    });
  }
}
