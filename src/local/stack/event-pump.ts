/**
 * startEventPump is the local stand-in for the EventBridge rule and Lambda's asynchronous
 * invocation: every status change event the Step Functions stub emits (exactly what AWS puts
 * on the bus) is delivered to the deployed-style handler through serverless offline's invoke
 * endpoint, without holding up the pipeline that emitted it, and a failed invocation is tried
 * twice more, as `maximumRetryAttempts: 2` in serverless.yml does in AWS (at demo-sized
 * delays). What still fails is reported; the sweep recovers it, as it recovers lost events.
 *
 * At most `maxConcurrent` calls run at once: serverless offline starts a fresh worker thread
 * (a cold start) per concurrent invocation, and a burst of them would only fight for the CPU.
 *
 * The call itself is `RequestResponse`: serverless offline 14 runs an `Event` invocation
 * without handling its failure, so one handler error would end the whole serverless offline
 * process. Waiting for the answer off the stub's path gives the same asynchrony and lets the
 * pump see failures and retry them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SfnStatusChangeEvent, SfnStub } from '../sfn-stub/index.js';
import type { LambdaInvoker } from './lambda-invoker.js';

/** EventPump counts deliveries and lets the caller wait for those in flight. */
export interface EventPump {
  delivered(): number;
  failed(): number;
  /** idle resolves once no delivery (or retry) is in flight. */
  idle(): Promise<void>;
  /** stop unsubscribes and cancels pending retries; calls in flight still finish, unreported. */
  stop(): void;
}

/** EventPumpOptions: where events come from and go to. */
export interface EventPumpOptions {
  readonly stub: Pick<SfnStub, 'onStatusChange'>;
  readonly invoker: LambdaInvoker;
  readonly functionName: string;
  /** Invocations running at once. @default 4 */
  readonly maxConcurrent?: number | undefined;
  /** Waits before the retries. @default [1000, 2000] (AWS: about 1 and 2 minutes) */
  readonly retryDelaysMs?: readonly number[] | undefined;
  /** Called with a readable line when a delivery finally fails. */
  readonly warn: (message: string) => void;
}

/**
 * startEventPump subscribes to the stub and starts delivering.
 * @example const pump = startEventPump({ stub, invoker, functionName, warn: console.warn });
 */
export function startEventPump(options: EventPumpOptions): EventPump {
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  const delays = options.retryDelaysMs ?? [1000, 2000];
  let delivered = 0;
  let failed = 0;
  const slots = new Slots(options.maxConcurrent ?? 4);
  const attempt = async (event: SfnStatusChangeEvent): Promise<void> => {
    for (let tries = 0; ; tries++) {
      try {
        await slots.run(() => options.invoker.invoke(options.functionName, event, 'RequestResponse'));
        delivered += 1;
        return;
      } catch (error) {
        const delay = delays[tries];
        if (delay === undefined || stopping.signal.aborted) {
          failed += 1;
          const reason = error instanceof Error ? error.message : String(error);
          // While the stack stops, serverless offline going away is expected, not news.
          if (!stopping.signal.aborted) options.warn(`Status change ${event.detail.status} of ${event.detail.name} failed ${tries + 1} time(s) (${reason}); the sweep will pick it up.`);
          return;
        }
        await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  };
  const deliver = (event: SfnStatusChangeEvent): void => {
    const sent = attempt(event).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  };
  const unsubscribe = options.stub.onStatusChange(deliver);
  return {
    delivered: () => delivered,
    failed: () => failed,
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    stop: () => {
      unsubscribe();
      stopping.abort();
    },
  };
}

/** Slots runs at most `size` tasks at once, the others in arrival order. @internal */
export class Slots {
  private free: number;
  private readonly queue: Array<() => void> = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next !== undefined) next();
      else this.free += 1;
    }
  }
}
