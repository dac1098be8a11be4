/**
 * VirtualClock is the one time source of a chaos worker: the reconciler's `now`, the engine
 * simulator's clock (cleanup, idle tokens, dates) and the schedule's own notion of time. It
 * only moves forward, and only when told to — by a schedule's `advance` step, or by a slow
 * oVirt call of the `slow-calls` dimension, which jumps it while the call is in flight — so a
 * lease lapses exactly when a schedule says so, never because the machine happened to be slow.
 * Real time still bounds what the product measures with its own timers (HTTP timeouts), which
 * a virtual jump does not trigger: a slow call here is one the client's timeouts let through.
 * Invocations whose clock is skewed read this clock plus their offset (see invocation.ts).
 */

/** VirtualClock reads and advances virtual epoch milliseconds. */
export class VirtualClock {
  #now: number;

  /** Starts at `start` (default: the real time, so dates stay plausible). */
  constructor(start: number = Date.now()) {
    this.#now = start;
  }

  /** now returns the current virtual time (bound, so it can be passed around as `() => number`). */
  readonly now = (): number => this.#now;

  /** advance moves time forward by `ms` (negative values are refused: time never goes back). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`VirtualClock.advance needs a non-negative number of ms, not ${ms}.`);
    this.#now += ms;
  }
}
