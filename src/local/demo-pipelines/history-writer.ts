/**
 * HistoryWriter writes a Step Functions execution history the way AWS records it, so demo
 * pipelines can be written as readable scripts instead of hand-numbered JSON. Each thread
 * (the top level, one Map iteration, one Parallel branch) has its own clock and its own chain
 * of `previousEventId` (docs/step-functions-signals.md#previous-event-id); ids are assigned at the end in
 * timestamp order, which interleaves concurrent threads as a real history does.
 *
 * ```text
 * root:  ExecutionStarted(→0) · MapStateEntered(→0) · MapStateStarted ─┬─ it0: MapIterationStarted(→MapStateStarted) …
 *                                                                      └─ it1: MapIterationStarted(→MapStateStarted) …
 *        MapStateSucceeded(→last iteration end) · MapStateExited(→same) · next state(→MapStateExited)
 * ```
 */
import type { SdkHistoryEvent } from '../sfn-stub/index.js';

/** DraftEvent is an event before ids are assigned; `prev` links to its thread predecessor. @internal */
export interface DraftEvent {
  readonly type: string;
  readonly at: number;
  readonly seq: number;
  readonly prev: DraftEvent | null;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** EmitOptions: `advance: false` leaves the thread's chain where it was (docs/step-functions-signals.md#previous-event-id, rule 4); `prev` overrides the link. */
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
    const event = this.writer.record(type, this.clock, options.prev === undefined ? this.tip : options.prev, details);
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
      if (tip !== null && (latest === null || tip.at > latest.at || (tip.at === latest.at && tip.seq > latest.seq))) latest = tip;
    }
    return latest;
  }
}

/** HistoryWriter collects draft events and numbers them (see the file comment). */
export class HistoryWriter {
  private readonly drafts: DraftEvent[] = [];

  /** @param startMs epoch ms of `ExecutionStarted`. */
  constructor(private readonly startMs: number) {}

  /** root is the top-level thread, starting at 0 s with no predecessor. */
  root(): Thread {
    return new Thread(this, 0, null);
  }

  /** record adds one draft event. @internal */
  record(type: string, at: number, prev: DraftEvent | null, details?: Record<string, unknown>): DraftEvent {
    if (prev !== null && prev.at > at) throw new Error(`History script error: ${type} at ${at}s comes before its predecessor ${prev.type}.`);
    const event: DraftEvent = { type, at, seq: this.drafts.length, prev, details };
    this.drafts.push(event);
    return event;
  }

  /** events numbers the drafts in time order (creation order on ties) and returns SDK-shaped events. */
  events(): SdkHistoryEvent[] {
    const ordered = [...this.drafts].sort((a, b) => a.at - b.at || a.seq - b.seq);
    const ids = new Map<DraftEvent, number>(ordered.map((event, index) => [event, index + 1]));
    return ordered.map((event) => {
      const id = ids.get(event) ?? 0;
      const previousEventId = event.prev === null ? 0 : (ids.get(event.prev) ?? 0);
      const base: SdkHistoryEvent = { id, previousEventId, type: event.type, timestamp: new Date(this.startMs + Math.round(event.at * 1000)).toISOString() };
      return event.details === undefined ? base : { ...base, [detailsMember(event.type)]: event.details };
    });
  }
}
