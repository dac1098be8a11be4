/**
 * Fault dimensions: kinds of trouble beyond the base schedule (crashes, duplicates, lost
 * events, engine/table/SFN faults), each drawn per schedule and each switchable on its own
 * (`npm run test:chaos -- --kinds slow-calls,clock-skew`, or CHAOS_KINDS for the slice):
 *
 * | kind          | what the schedule does                                                     |
 * | ------------- | -------------------------------------------------------------------------- |
 * | `slow-calls`  | some oVirt calls take just under OVIRT_TIMEOUT_MS (and succeed) or longer  |
 * |               | (the client gives up at the timeout; the engine may have applied the call) |
 * |               | while LEASE_SECONDS is the shortest the configuration accepts              |
 * | `clock-skew`  | each invocation's clock is off by up to half of MAX_CLOCK_SKEW_SECONDS     |
 * | `non-admin`   | the engine user is not an administrator (searches and step reads are        |
 * |               | refused) and answers to adds are lost after they took effect               |
 * | `hostile-2xx` | adds and ends answered 200 with a login page, `{}` or a failed action      |
 * | `poison`      | executions whose sync always fails sit at the head of the sweep order,     |
 * |               | at least as many as one sweep visits (SWEEP_MAX_EXECUTIONS)                |
 * | `log-batches` | the stub's CloudWatch Logs records of the executions also reach the inbox, |
 * |               | as deliveries to onExecutionLogs split over two log streams, lost or       |
 * |               | repeated, picked in any order among the status events (see log-inbox.ts)   |
 *
 * The base schedule is drawn first and the dimensions after it, so a seed and path found
 * with no dimension replay the same base schedule whatever dimensions are added later.
 */

/** FAULT_DIMENSIONS lists every dimension in a stable order. */
export const FAULT_DIMENSIONS = ['slow-calls', 'clock-skew', 'non-admin', 'hostile-2xx', 'poison', 'log-batches'] as const;
export type FaultDimension = (typeof FAULT_DIMENSIONS)[number];

/** SlowCall: the k-th oVirt call of an invocation takes `ms` of virtual time, before reaching the engine or after it applied. */
export interface SlowCall {
  readonly atOvirtCall: number;
  readonly ms: number;
  readonly phase: 'before' | 'after';
}

/** Dimensions is what a schedule drew for each enabled dimension (absent: off). */
export interface Dimensions {
  /** Per invocation of the schedule, cycled: one slow oVirt call or none. */
  readonly slowCalls?: readonly (SlowCall | null)[] | undefined;
  /**
   * Per deliver step, cycled (with `slow-calls` or `clock-skew`): a sweep that runs alongside the
   * step's first batch, with its own slow call or none — as production's minutely sweep runs
   * while events arrive. Without it a sweep (the only invocation whose timeout outlives the
   * lease) would never race an event invocation for the same execution.
   */
  readonly sweepsAlongside?: readonly (SlowCall | null)[] | undefined;
  /** Per invocation of the schedule, cycled: the offset of its clock in ms. */
  readonly clockSkewMs?: readonly number[] | undefined;
  /** Non-admin engine user; `lostAdds` job adds answered by a reset after they took effect. */
  readonly nonAdmin?: { readonly lostAdds: number } | undefined;
  /** Hostile 2xx answers armed before step `at` (modulo the step count + 1). */
  readonly hostile?: readonly HostileFault[] | undefined;
  /** Number of poison executions created before the first step. */
  readonly poison?: number | undefined;
  /** Log deliveries of the schedule's executions (push path); see LogBatchPlan. */
  readonly logBatches?: LogBatchPlan | undefined;
}

/**
 * LogBatchPlan: how the log records of the schedule's executions become deliveries. The
 * schedule, not the stub's seeded generator, decides the split and the copies, so a replayed
 * schedule gets the same deliveries on a fresh environment.
 */
export interface LogBatchPlan {
  /** Log stream (0 or 1) of the n-th record logged, cycled: one execution's records spread over both. */
  readonly streams: readonly number[];
  /** Copies of the n-th delivery (0 = lost, 2–3 = retried by CloudWatch Logs), cycled. */
  readonly copies: readonly number[];
  /**
   * Reveals whose records are batched together (1–3): more than one lets a delivery mix
   * executions and hold several transitions. Every deliver step and the finale flush too.
   */
  readonly revealsPerBatch: number;
}

/** HOSTILE_KINDS are the engine fault kinds of `hostile-2xx`. */
export const HOSTILE_KINDS = ['login-page-200', 'empty-200', 'action-failed-200'] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** HOSTILE_ROUTES are the writes a hostile answer hits (a `{}` answering a search is a legitimate empty list). */
export const HOSTILE_ROUTES = ['POST /jobs', 'POST /jobs/{id}/steps', 'POST /jobs/{id}/end', 'POST /jobs/{id}/steps/{id}/end'] as const;

/** HostileFault is one hostile answer rule armed at a step. */
export interface HostileFault {
  readonly at: number;
  readonly kind: HostileKind;
  readonly route: (typeof HOSTILE_ROUTES)[number];
  readonly times: number;
}

/**
 * The chaos environment's oVirt timeout and clock-skew margin. The product bounds every oVirt
 * call by OVIRT_TIMEOUT_MS and assumes the containers' clocks differ by at most
 * MAX_CLOCK_SKEW_SECONDS; LEASE_SECONDS is set to the shortest lease the configuration accepts
 * for them, so slow calls and skew run as close to the lease as production allows.
 */
export const CHAOS_OVIRT_TIMEOUT_MS = 10_000;
export const CHAOS_MAX_CLOCK_SKEW_SECONDS = 30;
/** MAX_CLOCK_SKEW_MS bounds `clock-skew` per invocation: two clocks then differ by at most the margin. */
export const MAX_CLOCK_SKEW_MS = (CHAOS_MAX_CLOCK_SKEW_SECONDS * 1000) / 2;

/** SWEEP_MAX_EXECUTIONS of the chaos environment: small, so poison executions can fill a whole sweep. */
export const CHAOS_SWEEP_MAX_EXECUTIONS = 3;


/** parseDimensions reads a comma-separated list ('all', 'none' or names); throws a usable message on an unknown name. */
export function parseDimensions(text: string | undefined): readonly FaultDimension[] {
  const value = (text ?? 'all').trim();
  if (value === '' || value === 'all') return FAULT_DIMENSIONS;
  if (value === 'none') return [];
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(FAULT_DIMENSIONS as readonly string[]).includes(name)) {
      throw new Error(`Unknown fault kind "${name}"; use all, none or a comma-separated list of ${FAULT_DIMENSIONS.join(', ')}.`);
    }
  }
  return FAULT_DIMENSIONS.filter((name) => names.includes(name));
}

/** dimensionsArgument renders a dimension list for a replay command ('all', 'none' or names). */
export function dimensionsArgument(kinds: readonly FaultDimension[]): string {
  if (kinds.length === FAULT_DIMENSIONS.length) return 'all';
  return kinds.length === 0 ? 'none' : kinds.join(',');
}

/** nth reads a per-invocation plan, cycled. */
export function nth<T>(list: readonly T[] | undefined, n: number): T | undefined {
  return list === undefined || list.length === 0 ? undefined : list[n % list.length];
}
