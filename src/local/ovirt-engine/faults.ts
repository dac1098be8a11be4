/**
 * Fault injection for API and SSO requests (never admin or page requests). Rules match by
 * method and route key, fire with a probability drawn from a seeded PRNG (reproducible
 * chaos), and may be limited to the next N hits. Latency adds up over matching rules; the
 * first matching failure rule decides the request's fate.
 */
import type { FaultKind, FaultRule, SimFaults } from './types.js';
import { seededRandom } from '../seeded-random.js';

/** FAULT_KINDS lists every kind, in a stable order. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'http-500',
  'http-503',
  'reset-before-apply',
  'reset-after-apply',
  'login-page-200',
  'empty-200',
  'action-failed-200',
];

/** FaultDecision is what the server does to one request. */
export interface FaultDecision {
  latencyMs: number;
  failure?: Exclude<FaultKind, 'latency'> | undefined;
}


/** validateFaultRule throws an error saying what is wrong with a rule and how to fix it. */
export function validateFaultRule(rule: FaultRule): void {
  if (!FAULT_KINDS.includes(rule.kind)) throw new Error(`Unknown fault kind '${String(rule.kind)}'; use one of ${FAULT_KINDS.join(', ')}.`);
  const { probability, times, latencyMs } = rule;
  if (probability !== undefined && !(probability >= 0 && probability <= 1)) throw new Error('Fault probability must be between 0 and 1.');
  if (times !== undefined && !(Number.isInteger(times) && times > 0)) throw new Error('Fault times must be a positive integer.');
  if (latencyMs !== undefined && !(latencyMs >= 0)) throw new Error('Fault latencyMs must be zero or more milliseconds.');
}

/** FaultInjector holds the active rules and the injected counters. */
export class FaultInjector implements SimFaults {
  private rules: Array<{ rule: FaultRule; remaining: number }> = [];
  private counts = FaultInjector.zeroCounts();
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  add(rule: FaultRule): void {
    validateFaultRule(rule);
    this.rules.push({ rule: { ...rule, match: rule.match === undefined ? undefined : { ...rule.match } }, remaining: rule.times ?? Infinity });
  }

  clear(): void {
    this.rules = [];
  }

  injected(): Record<FaultKind, number> {
    return { ...this.counts };
  }

  /** activeRules lists the rules still in force (for the admin endpoint). */
  activeRules(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) => ({ ...rule, ...(remaining === Infinity ? {} : { times: remaining }) }));
  }

  /** decide picks what happens to a request with this method and route key ('POST /jobs'). */
  decide(method: string, routeKey: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const entry of [...this.rules]) {
      if (!matches(entry.rule, method, routeKey)) continue;
      if (entry.rule.kind !== 'latency' && decision.failure !== undefined) continue;
      if (this.random() >= (entry.rule.probability ?? 1)) continue;
      this.counts[entry.rule.kind] += 1;
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== entry);
      if (entry.rule.kind === 'latency') decision.latencyMs += entry.rule.latencyMs ?? 1000;
      else decision.failure = entry.rule.kind;
    }
    return decision;
  }

  private static zeroCounts(): Record<FaultKind, number> {
    return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  }
}

/** @internal A route without a method part ('/jobs') matches the path of any method. */
function matches(rule: FaultRule, method: string, routeKey: string): boolean {
  const match = rule.match;
  if (match === undefined) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.route === undefined) return true;
  const route = match.route.trim();
  return route.includes(' ') ? route === routeKey : route === routeKey.slice(routeKey.indexOf(' ') + 1);
}
