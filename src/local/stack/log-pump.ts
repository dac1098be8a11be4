/**
 * startLogPump is the local stand-in for a CloudWatch Logs subscription filter on the state
 * machines' log groups: every delivery the Step Functions stub ships (the subscription payload
 * AWS would send, duplicates included) is handed to `onExecutionLogs` as async-delivery.ts
 * describes (off the stub's path, two more tries). What still fails is sent, given
 * `deadLetter`, to the dead-letter queue as Lambda's on-failure record, as onExecutionLogs'
 * destination does in AWS, and reported once per reason (the sweep repairs Standard
 * executions; `replay-dlq` replays the delivery).
 */
import type { LogShipment, SfnStub } from '../sfn-stub/index.js';
import { startAsyncDelivery } from './async-delivery.js';
import type { Delivery, PumpOptions } from './async-delivery.js';
import { deadLetterNote } from './on-failure-record.js';

/** LogPump counts deliveries and lets the caller wait for those in flight. */
export type LogPump = Delivery;

/** LogPumpOptions: where deliveries come from; the rest as every pump. */
export interface LogPumpOptions extends PumpOptions {
  readonly stub: Pick<SfnStub, 'onLogDelivery'>;
}

/**
 * startLogPump subscribes to the stub's log deliveries and starts delivering.
 * @example const pump = startLogPump({ stub, invoker, functionName, warn: console.warn });
 */
export function startLogPump(options: LogPumpOptions): LogPump {
  const reported = new Set<string>();
  return startAsyncDelivery<LogShipment>({
    ...options,
    subscribe: (deliver) => options.stub.onLogDelivery(deliver),
    eventOf: (shipment) => shipment.payload,
    giveUp: async (shipment, attempts, error) => {
      const parked = await deadLetterNote(options, shipment.payload, attempts, error);
      const reason = error instanceof Error ? error.message : String(error);
      if (reported.has(reason)) return;
      reported.add(reason);
      options.warn(
        `A log delivery of ${shipment.decoded.logStream} (${shipment.decoded.logEvents.length} records) failed ${attempts} time(s) (${reason}); ` +
          `the sweep repairs Standard executions.${parked} Further failures for this reason are not repeated.`,
      );
    },
  });
}
