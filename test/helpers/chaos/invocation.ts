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
 */
import type { ReconcileDeps } from '../../../src/reconcile/deps.js';
import { SimulatedCrash } from './simulated-crash.js';

/** CrashPlan: die at the k-th port call of the invocation, before it is sent or after it took effect. */
export interface CrashPlan {
  readonly atCall: number;
  readonly mode: 'before' | 'after';
}

const ARN_PREFIX = 'arn:aws:states:';

/** Invocation holds the state of one simulated invocation. */
export class Invocation {
  calls = 0;
  crashed = false;
  /** oVirt port calls per execution ARN. */
  readonly ovirtCalls = new Map<string, number>();
  #currentArn = '';

  /** Whether the soft deadline was reported as reached to the handler. */
  deadlineReached = false;

  /**
   * @param crash where the invocation dies, if it does
   * @param deadlineAfterCalls after this many port calls the Lambda's remaining time drops to
   *   the handler's safety margin, so the soft deadline is reached at a chosen point
   */
  constructor(
    readonly crash?: CrashPlan,
    readonly deadlineAfterCalls?: number,
  ) {}

  /** remainingTimeMs is the Lambda context's remaining time: plenty, until the deadline plan says otherwise. */
  remainingTimeMs(marginMs: number): number {
    if (this.deadlineAfterCalls === undefined || this.calls < this.deadlineAfterCalls) return 60_000;
    this.deadlineReached = true;
    return marginMs - 1;
  }

  /** run makes one port call under the crash plan. */
  async run<T>(where: string, args: readonly unknown[], call: () => Promise<T>): Promise<T> {
    if (this.crashed) throw new SimulatedCrash(this.calls, `${where} after the crash`);
    this.calls += 1;
    const index = this.calls;
    this.#attribute(where, args);
    const dies = this.crash?.atCall === index;
    if (dies && this.crash?.mode === 'before') {
      this.crashed = true;
      throw new SimulatedCrash(index, `before ${where}`);
    }
    try {
      return await call();
    } finally {
      if (dies) {
        this.crashed = true;
        // Thrown from finally on purpose: the answer (or error) of this call is lost with the process.
        // eslint-disable-next-line no-unsafe-finally
        throw new SimulatedCrash(index, `after ${where}`);
      }
    }
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
