/**
 * VirtualTime runs the liveness benchmark's invocations side by side in virtual time: a
 * discrete-event scheduler over ordinary async code. A port call waits its modelled latency
 * with `sleep`; the scheduler always wakes the earliest sleeper next and lets it run until it
 * sleeps again (the fakes answer through microtasks only, so one macrotask turn is enough).
 * The real time a slice of code takes is added to the clock too, so the product's own CPU
 * cost counts. Two invocations that overlap in virtual time therefore meet each other's leases
 * and rows as they would in Lambda, and calls made concurrently inside one invocation overlap.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as turn } from 'node:timers/promises';

interface Wake {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

export class VirtualTime {
  #now: number;
  #sliceStartedAt = performance.now();
  #seq = 0;
  readonly #heap: Wake[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  /** now: the virtual time, including the real time the running slice of code has taken so far. */
  readonly now = (): number => this.#now + (performance.now() - this.#sliceStartedAt);

  /** sleep resumes the caller `ms` of virtual time from now. */
  sleep(ms: number): Promise<void> {
    const at = this.now() + ms;
    return new Promise((resolve) => this.#push(at, resolve));
  }

  /** at runs `task` at virtual time `at` (or at once, when that has passed). */
  at(at: number, task: () => void): void {
    this.#push(at, task);
  }

  /** run wakes sleepers in time order until none is left, time passes `until`, or `done()` says so. */
  async run(until: number, done: () => boolean = () => false): Promise<void> {
    while (this.#heap.length > 0 && !done()) {
      const next = this.#pop();
      if (next.at > until) {
        this.#push(next.at, next.run);
        this.#now = until;
        return;
      }
      this.#now = Math.max(this.#now, next.at);
      this.#sliceStartedAt = performance.now();
      next.run();
      // Let the woken code run to its next sleep (microtasks) before waking anyone else.
      await turn();
      this.#now = this.now();
    }
  }

  #push(at: number, run: () => void): void {
    const heap = this.#heap;
    heap.push({ at, seq: (this.#seq += 1), run });
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Wake, heap[parent] as Wake)) break;
      [heap[i], heap[parent]] = [heap[parent] as Wake, heap[i] as Wake];
      i = parent;
    }
  }

  #pop(): Wake {
    const heap = this.#heap;
    const top = heap[0] as Wake;
    const last = heap.pop() as Wake;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && before(heap[left] as Wake, heap[least] as Wake)) least = left;
        if (right < heap.length && before(heap[right] as Wake, heap[least] as Wake)) least = right;
        if (least === i) break;
        [heap[i], heap[least]] = [heap[least] as Wake, heap[i] as Wake];
        i = least;
      }
    }
    return top;
  }
}

const before = (a: Wake, b: Wake): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);
