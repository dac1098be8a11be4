/**
 * LogShipper turns the stub's log records into CloudWatch Logs subscription deliveries the way
 * a real account produces them, faults included:
 *
 * - each state machine logs to its own log group (`/aws/vendedlogs/states/<name>-Logs`) through
 *   TWO log streams (`states/<name>/<yyyy-mm-dd-hh-mm>/<8 hex>`); every record lands in one of
 *   them at random, so one execution's records are spread over both streams and a delivery of
 *   one stream can arrive before an earlier record of the other;
 * - every `batchMs` each stream with new records is delivered as one batch, which holds the
 *   records of every execution of that state machine logged meanwhile (batches mix executions);
 * - with `duplicateProbability` a delivery is delivered again with the next batch (a retried
 *   delivery), with `lossProbability` it is never delivered.
 *
 * Draws come from one seeded generator, so a run's stream split, duplicates and losses replay
 * exactly from its seed.
 */
import { seededRandom } from '../../seeded-random.js';
import type { StubLogRecord } from './log-record.js';
import type { DecodedDelivery, LogEventEntry, SubscriptionPayload } from './subscription-payload.js';
import { encodeDelivery } from './subscription-payload.js';

/** LogShipperOptions set the batching and the fault mix of the deliveries. */
export interface LogShipperOptions {
  /** Milliseconds between two batches. @default 200 */
  readonly batchMs?: number | undefined;
  /** Chance (0..1) that a delivery is delivered a second time, with the next batch. @default 0 */
  readonly duplicateProbability?: number | undefined;
  /** Chance (0..1) that a delivery is lost. @default 0 */
  readonly lossProbability?: number | undefined;
  /** Seed of the stream split, duplicates and losses. @default 1 */
  readonly seed?: number | undefined;
  /** Name of the subscription filter the deliveries name. @default 'ovirt-pipeline-jobs' */
  readonly subscriptionFilter?: string | undefined;
}

/** LogShipment is one delivery: the Lambda event, what it decodes to, and whether it is a repeat. */
export interface LogShipment {
  readonly payload: SubscriptionPayload;
  readonly decoded: DecodedDelivery;
  readonly duplicate: boolean;
}

/** LogShipperStats counts what was logged and what became of the deliveries. */
export interface LogShipperStats {
  readonly records: number;
  readonly deliveries: number;
  readonly duplicated: number;
  readonly lost: number;
}

/** logGroupOf is the log group a state machine logs to (the console's default vended-logs name). */
export function logGroupOf(stateMachineName: string): string {
  return `/aws/vendedlogs/states/${stateMachineName}-Logs`;
}

/** STREAMS_PER_GROUP is how many log streams one state machine's records are spread over. */
export const STREAMS_PER_GROUP = 2;

interface Stream {
  readonly logGroup: string;
  readonly logStream: string;
  readonly owner: string;
  pending: LogEventEntry[];
}

/** LogShipper batches records into deliveries (see the file comment). */
export class LogShipper {
  readonly #random: () => number;
  readonly #streams = new Map<string, Stream>();
  readonly #options: Required<Omit<LogShipperOptions, 'batchMs'>>;
  #retries: LogShipment[] = [];
  #sequence = 0;
  #stats = { records: 0, deliveries: 0, duplicated: 0, lost: 0 };

  constructor(options: LogShipperOptions = {}) {
    const probability = (name: string, value: number | undefined): number => {
      if (value === undefined) return 0;
      if (!(value >= 0 && value <= 1)) throw new Error(`Log delivery ${name} must be between 0 and 1, not ${String(value)}.`);
      return value;
    };
    this.#options = {
      duplicateProbability: probability('duplicateProbability', options.duplicateProbability),
      lossProbability: probability('lossProbability', options.lossProbability),
      seed: options.seed ?? 1,
      subscriptionFilter: options.subscriptionFilter ?? 'ovirt-pipeline-jobs',
    };
    this.#random = seededRandom(this.#options.seed);
  }

  /** add logs one record into one of its state machine's two streams. */
  add(record: StubLogRecord): void {
    const [, , , , owner = '', , stateMachine = ''] = record.execution_arn.split(':');
    const timestamp = Number(record.event_timestamp);
    const stream = this.#stream(owner, stateMachine, Math.floor(this.#random() * STREAMS_PER_GROUP), timestamp);
    stream.pending.push({ id: this.#eventId(timestamp), timestamp, message: JSON.stringify(record) });
    this.#stats.records += 1;
  }

  /**
   * flush returns the deliveries due now: the repeats drawn at the previous flush, then one
   * delivery per stream with new records (lost ones left out).
   */
  flush(): LogShipment[] {
    const due = this.#retries;
    this.#retries = [];
    for (const stream of this.#streams.values()) {
      if (stream.pending.length === 0) continue;
      const decoded: DecodedDelivery = {
        messageType: 'DATA_MESSAGE',
        owner: stream.owner,
        logGroup: stream.logGroup,
        logStream: stream.logStream,
        subscriptionFilters: [this.#options.subscriptionFilter],
        logEvents: stream.pending,
      };
      stream.pending = [];
      if (this.#random() < this.#options.lossProbability) {
        this.#stats.lost += 1;
        continue;
      }
      const shipment: LogShipment = { payload: encodeDelivery(decoded), decoded, duplicate: false };
      due.push(shipment);
      if (this.#random() < this.#options.duplicateProbability) {
        this.#stats.duplicated += 1;
        this.#retries.push({ ...shipment, duplicate: true });
      }
    }
    this.#stats.deliveries += due.length;
    return due;
  }

  /** pending tells whether records or repeats wait for the next flush. */
  pending(): boolean {
    return this.#retries.length > 0 || [...this.#streams.values()].some((stream) => stream.pending.length > 0);
  }

  stats(): LogShipperStats {
    return { ...this.#stats };
  }

  #stream(owner: string, stateMachine: string, index: number, timestamp: number): Stream {
    const key = `${owner}:${stateMachine}:${index}`;
    let stream = this.#streams.get(key);
    if (stream === undefined) {
      const minute = new Date(timestamp).toISOString().slice(0, 16).replace(/[T:]/g, '-');
      const suffix = Math.floor(this.#random() * 0x1_0000_0000).toString(16).padStart(8, '0');
      stream = { owner, logGroup: logGroupOf(stateMachine), logStream: `states/${stateMachine}/${minute}/${suffix}`, pending: [] };
      this.#streams.set(key, stream);
    }
    return stream;
  }

  /** #eventId is a CloudWatch-like event id: 56 digits starting with the timestamp, unique per shipper. */
  #eventId(timestamp: number): string {
    this.#sequence += 1;
    const noise = Array.from({ length: 3 }, () => Math.floor(this.#random() * 1e11).toString().padStart(11, '0')).join('');
    return `${String(timestamp).padStart(13, '0')}${String(this.#sequence).padStart(10, '0')}${noise}`;
  }
}
