/**
 * Invocation is one simulated Lambda invocation (an event delivery or a sweep run): it owns
 * the crash plan and counts every port call the invocation makes. The ports handed to the
 * reconciler for this invocation are wrapped (see wrapPorts) so that:
 *
 * ```text
 * call 1 … call k-1 ──► real port                  (normal work)
 * call k, mode 'before' ──► SimulatedCrash           (died while awaiting: the call never left)
 * call k, mode 'after'  ──► real port, then crash    (the call took effect, its answer was lost)
 * call k+1 …            ──► SimulatedCrash           (a dead process does nothing more)
 * ```
 *
 * oVirt calls are attributed to the execution the invocation was last working on (the first
 * ARN argument of a store or history call), which gives the "calls per execution" figure.
 *
 * Time (see {@link InvocationTiming}): the invocation lives on the worker's virtual clock. Its
 * own clock may be skewed (a container whose clock is off), one of its oVirt calls may take
 * long in virtual time (the clock jumps, then real time is yielded so concurrent invocations
 * see the jump), and its Lambda timeout counts virtual time: past it, the process is killed
 * like a crash (the slow call's answer, if it applied, is lost with it).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { OvirtUnavailableError } from '../../../src/errors.js';
import type { ReconcileDeps } from '../../../src/reconcile/deps.js';
import type { SlowCall } from './dimensions.js';
import { SimulatedCrash } from './simulated-crash.js';
import type { VirtualClock } from './virtual-clock.js';

/** CrashPlan: die at the k-th port call of the invocation, before it is sent or after it took effect. */
export interface CrashPlan {
  readonly atCall: number;
  readonly mode: 'before' | 'after';
}

const ARN_PREFIX = 'arn:aws:states:';

/** InvocationTiming: the shared clock, the Lambda timeout, and this invocation's skew and slow call. */
export interface InvocationTiming {
  readonly clock: VirtualClock;
  /** The function's timeout (60 s for events, 300 s for the sweep, as deployed). */
  readonly timeoutMs: number;
  /**
   * OVIRT_TIMEOUT_MS: the client gives up on a call after this long, so a slow call that would
   * take longer ends at it as a timeout (the engine may have applied it, phase 'after').
   */
  readonly ovirtTimeoutMs?: number | undefined;
  readonly skewMs?: number | undefined;
  readonly slow?: SlowCall | undefined;
  /** What happens elsewhere while the slow call is in flight (awaited during it); a short real pause when absent. */
  readonly meanwhile?: (() => Promise<unknown>) | undefined;
}

/** callTimedOut is what the oVirt client throws when a call outlives OVIRT_TIMEOUT_MS. */
function callTimedOut(where: string, ms: number): OvirtUnavailableError {
  return new OvirtUnavailableError(`oVirt call ${where} did not complete within ${ms} ms (OVIRT_TIMEOUT_MS); it may have been applied.`, {
    code: 'ETIMEDOUT',
    retryable: true,
  });
}

/** Real time a slow call yields after the virtual clock jumped, so concurrent invocations run meanwhile. */
const SLOW_CALL_REAL_MS = 20;

/** Invocation holds the state of one simulated invocation. */
export class Invocation {
  calls = 0;
  crashed = false;
  /** The port calls made, in order ('store.acquireLease', 'budget.take', …). */
  readonly callNames: string[] = [];
  /** oVirt port calls per execution ARN. */
  readonly ovirtCalls = new Map<string, number>();
  #currentArn = '';

  /** Whether the soft deadline was reported as reached to the handler. */
  deadlineReached = false;
  /** Whether the Lambda timeout (virtual time) killed the invocation. */
  timedOut = false;
  /** Whether a slow oVirt call was played. */
  slowCallPlayed = false;
  #ovirtCallCount = 0;
  readonly #startedAt: number | undefined;

  /**
   * @param crash where the invocation dies, if it does
   * @param deadlineAfterCalls after this many port calls the Lambda's remaining time drops to
   *   the handler's safety margin, so the soft deadline is reached at a chosen point
   * @param timing the virtual clock, timeout, skew and slow call (none: time stands still)
   */
  constructor(
    readonly crash?: CrashPlan,
    readonly deadlineAfterCalls?: number,
    readonly timing?: InvocationTiming,
  ) {
    this.#startedAt = timing?.clock.now();
  }

  /** now is the invocation's own clock: the shared virtual time plus its skew. */
  readonly now = (): number => (this.timing?.clock.now() ?? Date.now()) + (this.timing?.skewMs ?? 0);

  /** remainingTimeMs is the Lambda context's remaining time: the timeout less the virtual time spent, or the deadline plan's margin. */
  remainingTimeMs(marginMs: number): number {
    const left = this.#leftMs() ?? 60_000;
    const remaining = this.deadlineAfterCalls === undefined || this.calls < this.deadlineAfterCalls ? left : Math.min(left, marginMs - 1);
    if (remaining < marginMs) this.deadlineReached = true;
    return remaining;
  }

  #leftMs(): number | undefined {
    if (this.timing === undefined || this.#startedAt === undefined) return undefined;
    return this.timing.timeoutMs - (this.timing.clock.now() - this.#startedAt);
  }

  /** #killIfTimedOut ends the invocation when its virtual time ran out, as Lambda would. */
  #killIfTimedOut(index: number, where: string): void {
    const left = this.#leftMs();
    if (left === undefined || left > 0) return;
    this.crashed = true;
    this.timedOut = true;
    throw new SimulatedCrash(index, `killed at the Lambda timeout ${where}`);
  }

  async #lag(ms: number): Promise<void> {
    this.slowCallPlayed = true;
    this.timing?.clock.advance(ms);
    await (this.timing?.meanwhile?.() ?? sleep(SLOW_CALL_REAL_MS));
  }

  /** run makes one port call under the crash plan. */
  async run<T>(where: string, args: readonly unknown[], call: () => Promise<T>): Promise<T> {
    if (this.crashed) throw new SimulatedCrash(this.calls, `${where} after the crash`);
    this.calls += 1;
    this.callNames.push(where);
    const index = this.calls;
    this.#attribute(where, args);
    this.#killIfTimedOut(index, `before ${where}`);
    const dies = this.crash?.atCall === index;
    if (dies && this.crash?.mode === 'before') {
      this.crashed = true;
      throw new SimulatedCrash(index, `before ${where}`);
    }
    const slow = this.#slowCall(where);
    const bound = this.timing?.ovirtTimeoutMs;
    const timesOut = slow !== undefined && bound !== undefined && slow.ms > bound;
    try {
      if (slow?.phase === 'before') {
        await this.#lag(timesOut ? (bound ?? slow.ms) : slow.ms);
        this.#killIfTimedOut(index, `while ${where} was on its way`);
        // The request never got through before the client gave up: nothing was applied.
        if (timesOut) throw callTimedOut(where, bound ?? slow.ms);
      }
      const value = await call();
      if (slow?.phase === 'after') {
        await this.#lag(timesOut ? (bound ?? slow.ms) : slow.ms);
        this.#killIfTimedOut(index, `while the answer of ${where} was on its way`);
        // The engine applied the call; its answer came too late for the client.
        if (timesOut) throw callTimedOut(where, bound ?? slow.ms);
      }
      return value;
    } finally {
      if (dies) {
        this.crashed = true;
        // Thrown from finally on purpose: the answer (or error) of this call is lost with the process.
        // eslint-disable-next-line no-unsafe-finally
        throw new SimulatedCrash(index, `after ${where}`);
      }
    }
  }

  /** #slowCall is the slow-call plan when `where` is the planned oVirt call. */
  #slowCall(where: string): SlowCall | undefined {
    if (!where.startsWith('ovirt.')) return undefined;
    this.#ovirtCallCount += 1;
    const slow = this.timing?.slow;
    return slow !== undefined && slow.atOvirtCall === this.#ovirtCallCount ? slow : undefined;
  }

  #attribute(where: string, args: readonly unknown[]): void {
    const first = args[0];
    if (typeof first === 'string' && first.startsWith(ARN_PREFIX)) this.#currentArn = first;
    else if (typeof first === 'object' && first !== null && typeof (first as { executionArn?: unknown }).executionArn === 'string') {
      this.#currentArn = (first as { executionArn: string }).executionArn;
    }
    if (where.startsWith('ovirt.')) this.ovirtCalls.set(this.#currentArn, (this.ovirtCalls.get(this.#currentArn) ?? 0) + 1);
  }
}

/** crashable wraps every method of `port` so that it runs through `invocation`. */
export function crashable<T extends object>(port: T, name: string, invocation: Invocation): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) => invocation.run(`${name}.${String(property)}`, args, () => method.apply(target, args));
    },
  });
}

/** wrapPorts returns `deps` with its three ports running through `invocation`. */
export function wrapPorts(deps: ReconcileDeps, invocation: Invocation): ReconcileDeps {
  return {
    ...deps,
    history: crashable(deps.history, 'history', invocation),
    store: crashable(deps.store, 'store', invocation),
    ovirt: crashable(deps.ovirt, 'ovirt', invocation),
  };
}
