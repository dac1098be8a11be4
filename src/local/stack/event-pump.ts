/**
 * startEventPump is the local stand-in for the EventBridge rule and Lambda's asynchronous
 * invocation: every status change event the Step Functions stub emits (exactly what AWS puts
 * on the bus) is delivered to onExecutionEvent as async-delivery.ts describes (off the stub's
 * path, two more tries). What still fails is reported and, given `deadLetter`, sent there as
 * Lambda's on-failure destination record (for `replay-dlq`); the sweep recovers it, as it
 * recovers lost events.
 */
import type { SfnStatusChangeEvent, SfnStub } from '../sfn-stub/index.js';
import { startAsyncDelivery } from './async-delivery.js';
import type { Delivery, PumpOptions } from './async-delivery.js';
import { deadLetterNote } from './on-failure-record.js';

/** EventPump counts deliveries and lets the caller wait for those in flight. */
export type EventPump = Delivery;

/** EventPumpOptions: where events come from; the rest as every pump. */
export interface EventPumpOptions extends PumpOptions {
  readonly stub: Pick<SfnStub, 'onStatusChange'>;
}

/**
 * startEventPump subscribes to the stub and starts delivering.
 * @example const pump = startEventPump({ stub, invoker, functionName, warn: console.warn });
 */
export function startEventPump(options: EventPumpOptions): EventPump {
  return startAsyncDelivery<SfnStatusChangeEvent>({
    ...options,
    subscribe: (deliver) => options.stub.onStatusChange(deliver),
    eventOf: (event) => event,
    giveUp: async (event, attempts, error) => {
      const parked = await deadLetterNote(options, event, attempts, error);
      const reason = error instanceof Error ? error.message : String(error);
      options.warn(`Status change ${event.detail.status} of ${event.detail.name} failed ${attempts} time(s) (${reason}); the sweep will pick it up.${parked}`);
    },
  });
}
