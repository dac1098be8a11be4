/**
 * startLogPump is the local stand-in for a CloudWatch Logs subscription filter on the state
 * machines' log groups: every delivery the Step Functions stub ships (the subscription payload
 * AWS would send, duplicates included) is handed to `onExecutionLogs` through serverless
 * offline's invoke endpoint, off the stub's path, like the event pump does for status changes.
 * A failed invocation is tried twice more (the function's `maximumRetryAttempts: 2`); what
 * still fails is reported once per reason (the sweep repairs Standard executions; an Express
 * execution shows the events as not logged).
 *
 * Deliveries of different streams run concurrently and may finish in any order, as on AWS.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LogShipment, SfnStub } from '../sfn-stub/index.js';
import { Slots } from './event-pump.js';
import type { LambdaInvoker } from './lambda-invoker.js';

/** LogPump counts deliveries and lets the caller wait for those in flight. */
export interface LogPump {
  delivered(): number;
  failed(): number;
  /** idle resolves once no delivery (or retry) is in flight. */
  idle(): Promise<void>;
  /** stop unsubscribes and cancels pending retries; calls in flight still finish, unreported. */
  stop(): void;
}

/** LogPumpOptions: where deliveries come from and go to. */
export interface LogPumpOptions {
  readonly stub: Pick<SfnStub, 'onLogDelivery'>;
  readonly invoker: LambdaInvoker;
  readonly functionName: string;
  /** Invocations running at once. @default 4 */
  readonly maxConcurrent?: number | undefined;
  /** Waits before the retries. @default [1000, 2000] */
  readonly retryDelaysMs?: readonly number[] | undefined;
  /** Called with a readable line when deliveries finally fail (once per distinct reason). */
  readonly warn: (message: string) => void;
}

/**
 * startLogPump subscribes to the stub's log deliveries and starts delivering.
 * @example const pump = startLogPump({ stub, invoker, functionName, warn: console.warn });
 */
export function startLogPump(options: LogPumpOptions): LogPump {
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  const delays = options.retryDelaysMs ?? [1000, 2000];
  const slots = new Slots(options.maxConcurrent ?? 4);
  const reported = new Set<string>();
  let delivered = 0;
  let failed = 0;
  const attempt = async (shipment: LogShipment): Promise<void> => {
    for (let tries = 0; ; tries++) {
      try {
        await slots.run(() => options.invoker.invoke(options.functionName, shipment.payload, 'RequestResponse'));
        delivered += 1;
        return;
      } catch (error) {
        const delay = delays[tries];
        if (delay === undefined || stopping.signal.aborted) {
          failed += 1;
          const reason = error instanceof Error ? error.message : String(error);
          // While the stack stops, serverless offline going away is expected, not news.
          if (!stopping.signal.aborted && !reported.has(reason)) {
            reported.add(reason);
            options.warn(
              `A log delivery of ${shipment.decoded.logStream} (${shipment.decoded.logEvents.length} records) failed ${tries + 1} time(s) (${reason}); ` +
                'the sweep repairs Standard executions, Express executions show the events as not logged. Further failures for this reason are not repeated.',
            );
          }
          return;
        }
        await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  };
  const unsubscribe = options.stub.onLogDelivery((shipment) => {
    const sent = attempt(shipment).finally(() => inFlight.delete(sent));
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
