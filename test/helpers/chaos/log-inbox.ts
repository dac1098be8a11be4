/**
 * LogInbox turns the Step Functions stub's CloudWatch Logs records of one schedule's executions
 * into the deliveries the `log-batches` dimension puts in the schedule's inbox:
 *
 * ```text
 * reveal ─► stub logs each revealed event (onLogDelivery) ─► LogInbox keeps the schedule's records
 * flush (every LogBatchPlan.revealsPerBatch reveals, each deliver step, the finale) ─► per log group: stream 0 / stream 1 (LogBatchPlan.streams)
 *   ─► one delivery per stream with records, mixing the executions logged meanwhile
 *   ─► copies per delivery (LogBatchPlan.copies): 0 = lost, 2–3 = retried
 * ```
 *
 * The records are the stub's own (its log group, event ids, record text); only the split over
 * streams and the copies come from the schedule rather than the stub's seeded generator, whose
 * state is shared by every schedule of an environment: a replayed schedule on a fresh
 * environment then gets exactly the same deliveries.
 */
import type { LogEventEntry, LogShipment, SfnStub, SubscriptionPayload } from '../../../src/local/sfn-stub/index.js';
import { encodeDelivery } from '../../../src/local/sfn-stub/logs/subscription-payload.js';
import type { LogBatchPlan } from './dimensions.js';

/** LogDelivery is one delivery to onExecutionLogs and the executions whose records it holds. */
export interface LogDelivery {
  readonly payload: SubscriptionPayload;
  readonly executionArns: readonly string[];
  /** Per execution: the latest run (redrive count) the delivery holds records of. */
  readonly latestRun: ReadonlyMap<string, number>;
  readonly records: number;
}

/** LogDraw is a delivery made at a flush and how many copies of it arrive (0 = lost). */
export interface LogDraw {
  readonly delivery: LogDelivery;
  readonly copies: number;
}

interface KeptRecord {
  readonly owner: string;
  readonly logGroup: string;
  readonly executionArn: string;
  readonly redriveCount: number;
  readonly entry: LogEventEntry;
}

/** LogInbox collects and batches one schedule's log records (see the file comment). */
export class LogInbox {
  #kept: KeptRecord[] = [];
  #records = 0;
  #deliveries = 0;
  #reveals = 0;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly sfn: SfnStub,
    private readonly executionArns: ReadonlySet<string>,
    private readonly plan: LogBatchPlan,
  ) {
    this.#unsubscribe = sfn.onLogDelivery((shipment) => this.#keep(shipment));
  }

  /** revealed counts a reveal; every `revealsPerBatch` reveals, the records logged meanwhile are delivered. */
  revealed(): LogDraw[] {
    this.#reveals += 1;
    return this.#reveals % Math.max(1, this.plan.revealsPerBatch) === 0 ? this.flush() : [];
  }

  /** flush makes the deliveries of every record logged since the last flush. */
  flush(): LogDraw[] {
    this.sfn.flushLogs();
    const streams = new Map<string, KeptRecord[]>();
    for (const record of this.#kept) {
      const stream = this.plan.streams[this.#records % this.plan.streams.length] ?? 0;
      this.#records += 1;
      const key = `${record.logGroup}\n${stream}`;
      const records = streams.get(key) ?? [];
      records.push(record);
      streams.set(key, records);
    }
    this.#kept = [];
    return [...streams.entries()].map(([key, records]) => {
      const copies = this.plan.copies[this.#deliveries % this.plan.copies.length] ?? 1;
      this.#deliveries += 1;
      return { delivery: deliveryOf(key, records), copies };
    });
  }

  close(): void {
    this.#unsubscribe();
  }

  #keep(shipment: LogShipment): void {
    for (const entry of shipment.decoded.logEvents) {
      const record = JSON.parse(entry.message) as { execution_arn?: unknown; redrive_count?: unknown };
      const executionArn = record.execution_arn;
      // Deliveries mix executions; only this schedule's are its business.
      if (typeof executionArn !== 'string' || !this.executionArns.has(executionArn)) continue;
      const redriveCount = Number(record.redrive_count ?? 0);
      this.#kept.push({ owner: shipment.decoded.owner, logGroup: shipment.decoded.logGroup, executionArn, redriveCount, entry });
    }
  }
}

/** deliveryOf encodes one stream's records as the subscription payload CloudWatch Logs sends. */
function deliveryOf(key: string, records: readonly KeptRecord[]): LogDelivery {
  const [logGroup = '', stream = '0'] = key.split('\n');
  const first = records[0];
  const stateMachine = first?.executionArn.split(':')[6] ?? 'unknown';
  const payload = encodeDelivery({
    messageType: 'DATA_MESSAGE',
    owner: first?.owner ?? '',
    logGroup,
    logStream: `states/${stateMachine}/chaos/${stream}`,
    subscriptionFilters: ['ovirt-pipeline-jobs'],
    logEvents: records.map((record) => record.entry),
  });
  const latestRun = new Map<string, number>();
  for (const record of records) latestRun.set(record.executionArn, Math.max(latestRun.get(record.executionArn) ?? 0, record.redriveCount));
  return { payload, executionArns: [...latestRun.keys()], latestRun, records: records.length };
}
