/**
 * startAsyncDelivery is the local stand-in for what AWS does between a source and a function
 * invoked asynchronously (EventBridge → onExecutionEvent, a CloudWatch Logs subscription →
 * onExecutionLogs): every item the source emits is handed to the function through serverless
 * offline's invoke endpoint, off the source's path, and a failed invocation is tried twice more,
 * as `maximumRetryAttempts: 2` in serverless.yml does in AWS (at demo-sized delays). What
 * still fails goes to `giveUp` (the dead-letter queue, a warning).
 *
 * At most `maxConcurrent` calls run at once: serverless offline starts a fresh worker thread
 * (a cold start) per concurrent invocation, and a burst of them would only fight for the CPU.
 *
 * The call itself is `RequestResponse`: serverless offline 14 runs an `Event` invocation
 * without handling its failure, so one handler error would end the whole serverless offline
 * process. Waiting for the answer off the source's path gives the same asynchrony and lets
 * the delivery see failures and retry them. Items run concurrently and may finish in any
 * order, as on AWS.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LambdaInvoker } from './lambda-invoker.js';
import type { DeadLetter } from './on-failure-record.js';

/** Delivery counts what was delivered and lets the caller wait for what is in flight. */
export interface Delivery {
  delivered(): number;
  failed(): number;
  /** idle resolves once no delivery (or retry) is in flight. */
  idle(): Promise<void>;
  /** stop unsubscribes and cancels pending retries; calls in flight still finish, unreported. */
  stop(): void;
}

/** PumpOptions: what every pump of the stack takes (the event pump, the log pump). */
export interface PumpOptions {
  readonly invoker: LambdaInvoker;
  readonly functionName: string;
  /** Invocations running at once. @default 4 */
  readonly maxConcurrent?: number | undefined;
  /** Waits before the retries. @default [1000, 2000] (AWS: about 1 and 2 minutes) */
  readonly retryDelaysMs?: readonly number[] | undefined;
  /** Called with a readable line when a delivery finally fails. */
  readonly warn: (message: string) => void;
  /** Where a delivery that failed every try goes, as an on-failure record (the dead-letter queue). */
  readonly deadLetter?: DeadLetter | undefined;
  /** Region in the record's function ARN. @default 'eu-west-1' */
  readonly region?: string | undefined;
}

/** DeliveryOptions: where items come from, how they become the function's event, where failures go. */
export interface DeliveryOptions<T> {
  /** Subscribes to the source; returns the unsubscribe function. */
  readonly subscribe: (deliver: (item: T) => void) => () => void;
  /** The function's event for an item. */
  readonly eventOf: (item: T) => unknown;
  readonly invoker: LambdaInvoker;
  readonly functionName: string;
  /** Invocations running at once. @default 4 */
  readonly maxConcurrent?: number | undefined;
  /** Waits before the retries. @default [1000, 2000] (AWS: about 1 and 2 minutes) */
  readonly retryDelaysMs?: readonly number[] | undefined;
  /** Called once an item failed every try (not while stopping: serverless offline going away then is expected). */
  readonly giveUp: (item: T, attempts: number, error: unknown) => Promise<void>;
}

/** startAsyncDelivery subscribes to the source and starts delivering. */
export function startAsyncDelivery<T>(options: DeliveryOptions<T>): Delivery {
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  const delays = options.retryDelaysMs ?? [1000, 2000];
  const slots = new Slots(options.maxConcurrent ?? 4);
  let delivered = 0;
  let failed = 0;
  const attempt = async (item: T): Promise<void> => {
    for (let tries = 0; ; tries++) {
      try {
        await slots.run(() => options.invoker.invoke(options.functionName, options.eventOf(item), 'RequestResponse'));
        delivered += 1;
        return;
      } catch (error) {
        const delay = delays[tries];
        if (delay === undefined || stopping.signal.aborted) {
          failed += 1;
          if (!stopping.signal.aborted) await options.giveUp(item, tries + 1, error);
          return;
        }
        await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  };
  const unsubscribe = options.subscribe((item) => {
    const sent = attempt(item).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  });
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

/** Slots runs at most `size` tasks at once, the others waiting in arrival order. */
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
