/**
 * pushDelivery is the push path as the benchmark drives it: the fleet's events of one batch
 * written as Step Functions log records and encoded as a CloudWatch Logs subscription delivery
 * by the Step Functions stub's own writer (src/local/sfn-stub/logs), then decoded and applied
 * by the product exactly as onExecutionLogs does (parseExecutionLogs → applyLogBatch), with the
 * push path's history budget (PUSH_HISTORY_READS_PER_SECOND, default 5) on the virtual clock.
 */
import { logRecordToHistoryEvent } from '../../src/adapters/sfn/log-record-to-history-event.js';
import { parseExecutionLogs } from '../../src/events/execution-logs.js';
import { logRecordOf } from '../../src/local/sfn-stub/logs/log-record.js';
import { encodeDelivery } from '../../src/local/sfn-stub/logs/subscription-payload.js';
import type { HistoryBudget } from '../../src/ports.js';
import { applyLogBatch } from '../../src/reconcile/apply-log-batch.js';
import { InMemoryHistoryBudget } from '../../test/helpers/in-memory-ports.js';
import { ACCOUNT } from './fleet.js';
import type { Sleep, Tally } from './ports.js';
import { LATENCY } from './ports.js';
import type { PushDelivery } from './simulate.js';

/** Defaults of the deployed push path (serverless.yml). */
export const PUSH_DEFAULTS = Object.freeze({ historyReadsPerSecond: 5, concurrency: 4, gapWaitSeconds: 5 });

/** pushDelivery returns the delivery function for one simulation run. */
export function pushDelivery(tally: Tally, sleep: Sleep, now: () => number): PushDelivery {
  const inner = new InMemoryHistoryBudget(PUSH_DEFAULTS.historyReadsPerSecond, now);
  // One conditional UpdateItem per take, as the DynamoDB budget makes.
  const budget: HistoryBudget = {
    take: async () => {
      tally.add('dynamo:historyBudget');
      await sleep(LATENCY.dynamo);
      const granted = await inner.take();
      if (granted) tally.add('push:historyReads');
      return granted;
    },
  };
  let sequence = 0;
  return async (batch, deps, stream) => {
    const logEvents = batch.flatMap(({ executionArn, events }) =>
      events.map((event) => {
        sequence += 1;
        const record = logRecordOf(executionArn, { id: event.id, previousEventId: event.previousEventId, type: event.type, timestampMs: event.timestamp, details: event.details as Readonly<Record<string, unknown>> | undefined }, 0);
        return { id: String(sequence).padStart(56, '0'), timestamp: event.timestamp, message: JSON.stringify(record) };
      }),
    );
    const payload = encodeDelivery({
      messageType: 'DATA_MESSAGE',
      owner: ACCOUNT,
      logGroup: '/aws/vendedlogs/states/fleet-pipeline-Logs',
      logStream: `states/fleet-pipeline/2026-01-05-09-00/0000000${stream}`,
      subscriptionFilters: ['ovirt-pipeline-jobs'],
      logEvents,
    });
    await applyLogBatch(parseExecutionLogs(payload), { ...deps, historyBudget: budget }, {
      concurrency: PUSH_DEFAULTS.concurrency,
      accepts: () => true,
      toHistoryEvent: logRecordToHistoryEvent,
      gapWaitMs: PUSH_DEFAULTS.gapWaitSeconds * 1000,
      sleep,
    });
  };
}
