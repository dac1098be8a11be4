/**
 * Fault rules of the stub: throttling, server failures and delays. A rule matches an operation
 * (all when absent), fires `times` times (unlimited when absent) and, with `probability`, only
 * on a draw from a seeded generator, so a flaky run can be replayed with the same seed.
 */
import type { DelayRule, FaultRule, ServerFaultRule } from './types.js';
import { seededRandom } from '../seeded-random.js';

interface LiveRule<R extends FaultRule> {
  readonly rule: R;
  remaining: number;
}

/** Faults holds the active rules of one stub. @internal */
export class Faults {
  readonly #throttles: LiveRule<FaultRule>[] = [];
  readonly #failures: LiveRule<ServerFaultRule>[] = [];
  readonly #delays: LiveRule<DelayRule>[] = [];
  readonly #random: () => number;

  constructor(seed: number) {
    this.#random = seededRandom(seed);
  }

  addThrottle(rule: FaultRule): void {
    this.#throttles.push(live(rule));
  }

  addFailure(rule: ServerFaultRule): void {
    if (rule.status !== 500 && rule.status !== 503) throw new Error(`failWith status must be 500 or 503, not ${String(rule.status)}.`);
    this.#failures.push(live(rule));
  }

  addDelay(rule: DelayRule): void {
    if (!(rule.ms >= 0)) throw new Error(`delay ms must be a non-negative number, not ${String(rule.ms)}.`);
    this.#delays.push(live(rule));
  }

  clear(): void {
    this.#throttles.length = 0;
    this.#failures.length = 0;
    this.#delays.length = 0;
  }

  /** throttles tells whether this request of `operation` is throttled (consuming the rule). */
  throttles(operation: string): boolean {
    return this.#fire(this.#throttles, operation) !== undefined;
  }

  /** failure returns the status to fail this request with, if any. */
  failure(operation: string): 500 | 503 | undefined {
    return this.#fire(this.#failures, operation)?.status;
  }

  /** delayMs returns how long to hold this answer back (0 when no rule fires). */
  delayMs(operation: string): number {
    return this.#fire(this.#delays, operation)?.ms ?? 0;
  }

  #fire<R extends FaultRule>(rules: LiveRule<R>[], operation: string): R | undefined {
    for (const [index, entry] of rules.entries()) {
      if (entry.rule.operation !== undefined && entry.rule.operation !== operation) continue;
      if (entry.rule.probability !== undefined && this.#random() >= entry.rule.probability) continue;
      entry.remaining -= 1;
      if (entry.remaining <= 0) rules.splice(index, 1);
      return entry.rule;
    }
    return undefined;
  }
}

function live<R extends FaultRule>(rule: R): LiveRule<R> {
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw new Error(`Fault rule times must be a positive integer, not ${String(rule.times)}.`);
  }
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
    throw new Error(`Fault rule probability must be between 0 and 1, not ${String(rule.probability)}.`);
  }
  return { rule, remaining: rule.times ?? Infinity };
}

