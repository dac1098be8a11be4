/**
 * startEventPump is the local stand-in for the EventBridge rule and Lambda's asynchronous
 * invocation: every status change event the Step Functions stub emits (exactly what AWS puts
 * on the bus) is delivered to the deployed-style handler through serverless offline's invoke
 * endpoint, without holding up the pipeline that emitted it, and a failed invocation is tried
 * twice more, as `maximumRetryAttempts: 2` in serverless.yml does in AWS (at demo-sized
 * delays). What still fails is reported and, given `deadLetter`, sent there as Lambda's
 * on-failure destination record (for `replay-dlq`); the sweep recovers it, as it recovers lost
 * events.
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
import { LambdaInvokeError } from './lambda-invoker.js';
import type { LambdaInvoker } from './lambda-invoker.js';
import { onFailureRecord } from './on-failure-record.js';

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
  /** Where a delivery that failed every try goes, as an on-failure record (the dead-letter queue). */
  readonly deadLetter?: ((record: Record<string, unknown>) => Promise<void>) | undefined;
  /** Region in the record's function ARN. @default 'eu-west-1' */
  readonly region?: string | undefined;
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
          // While the stack stops, serverless offline going away is expected, not news.
          if (!stopping.signal.aborted) await giveUp(event, tries + 1, error);
          return;
        }
        await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  };
  const giveUp = async (event: SfnStatusChangeEvent, attempts: number, error: unknown): Promise<void> => {
    const reason = error instanceof Error ? error.message : String(error);
    let parked = '';
    if (options.deadLetter !== undefined) {
      const functionError = (error instanceof LambdaInvokeError ? error.functionError : undefined) ?? { errorType: (error as Error).name, errorMessage: reason };
      const record = onFailureRecord({ event, functionName: options.functionName, region: options.region ?? 'eu-west-1', attempts, error: functionError });
      parked = await options.deadLetter(record).then(
        () => ' It is in the dead-letter queue (ovirt-pipeline-jobs replay-dlq).',
        (cause: unknown) => ` It could not be put in the dead-letter queue either: ${(cause as Error).message}.`,
      );
    }
    options.warn(`Status change ${event.detail.status} of ${event.detail.name} failed ${attempts} time(s) (${reason}); the sweep will pick it up.${parked}`);
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
