/**
 * The push path's tests hand `onExecutionLogs` the log records and deliveries of the shared
 * recordings. There is one converter of a history into log records and one encoder of
 * deliveries, the Step Functions stub's (src/local/sfn-stub/logs): this file only adapts them to a
 * whole recording and to hand-made deliveries (any messages, any stream, control messages).
 * The product's decoder shares nothing with them, so the two cannot agree on a mistake.
 */
import type { CloudWatchLogsEvent } from 'aws-lambda';
import type { SfnRecording } from '../../src/local/sfn-stub/index.js';
import { logRecordsOf as stubLogRecordsOf } from '../../src/local/sfn-stub/logs/log-record.js';
import type { StubLogRecord } from '../../src/local/sfn-stub/logs/log-record.js';
import { encodeDelivery } from '../../src/local/sfn-stub/logs/subscription-payload.js';
import { storeRecording } from '../../src/local/sfn-stub/stored-execution.js';

/** LogRecordJson is one log record as Step Functions writes it (before JSON.stringify). */
export type LogRecordJson = StubLogRecord;

/** logRecordsOf converts every event of a recording, ascending by id, as the stub logs them. */
export function logRecordsOf(recording: SfnRecording): LogRecordJson[] {
  const execution = storeRecording(recording);
  return stubLogRecordsOf(execution, 0, execution.events.length);
}

/** DeliveryOptions: where the delivery claims to come from, and its type. */
export interface DeliveryOptions {
  readonly logGroup?: string;
  readonly logStream?: string;
  readonly messageType?: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
}

/** logDelivery wraps messages (records, or any text) into one subscription delivery. */
export function logDelivery(messages: readonly (LogRecordJson | string)[], options: DeliveryOptions = {}): CloudWatchLogsEvent {
  return encodeDelivery({
    messageType: options.messageType ?? 'DATA_MESSAGE',
    owner: '482913557106',
    logGroup: options.logGroup ?? '/aws/vendedlogs/states/pipelines-Logs',
    logStream: options.logStream ?? 'states/pipelines/2025-03-14-09-15/4f2c9a1e',
    subscriptionFilters: ['ovirt-pipeline-jobs'],
    logEvents: messages.map((message, index) => {
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      const timestamp = typeof message === 'string' ? 1_741_943_702_000 + index : Number(message.event_timestamp);
      return { id: `${timestamp}${String(index).padStart(6, '0')}`, timestamp, message: text };
    }),
  });
}
