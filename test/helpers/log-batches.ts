/**
 * The one converter of a recorded history into Step Functions log records (the shape of
 * docs/step-functions-signals.md#log-records: every top-level scalar a string, `details` the
 * event's `*EventDetails` member unwrapped, `redrive_count` the run the event belongs to) and
 * of records into CloudWatch Logs subscription deliveries (gzip + base64), for the push path's tests.
 */
import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import type { SfnRecording } from '../../src/local/sfn-stub/index.js';

/** LogRecordJson is one log record as Step Functions writes it (before JSON.stringify). */
export interface LogRecordJson {
  readonly id: string;
  readonly type: string;
  readonly details?: Record<string, unknown>;
  readonly previous_event_id: string;
  readonly event_timestamp: string;
  readonly execution_arn: string;
  readonly redrive_count: string;
}

/** logRecordsOf converts every event of a recording, ascending by id. */
export function logRecordsOf(recording: SfnRecording): LogRecordJson[] {
  let run = 0;
  return [...recording.events]
    .sort((a, b) => a.id - b.id)
    .map((event) => {
      const detailsKey = Object.keys(event).find((key) => key.endsWith('EventDetails'));
      const details = detailsKey === undefined ? undefined : (event[detailsKey] as Record<string, unknown>);
      if (event.type === 'ExecutionRedriven') run = typeof details?.redriveCount === 'number' ? details.redriveCount : run + 1;
      const timestamp = event.timestamp instanceof Date ? event.timestamp.getTime() : typeof event.timestamp === 'string' ? Date.parse(event.timestamp) : event.timestamp;
      return {
        id: String(event.id),
        type: event.type,
        ...(details === undefined ? {} : { details }),
        previous_event_id: String(event.previousEventId ?? 0),
        event_timestamp: String(timestamp),
        execution_arn: recording.description.executionArn,
        redrive_count: String(run),
      };
    });
}

/** DeliveryOptions: where the delivery claims to come from, and its type. */
export interface DeliveryOptions {
  readonly logGroup?: string;
  readonly logStream?: string;
  readonly messageType?: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
}

/** logDelivery wraps messages (records, or any text) into one subscription delivery. */
export function logDelivery(messages: readonly (LogRecordJson | string)[], options: DeliveryOptions = {}): CloudWatchLogsEvent {
  const decoded = {
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
  };
  return { awslogs: { data: encodeDelivery(JSON.stringify(decoded)) } };
}

/** encodeDelivery is what CloudWatch Logs does to a delivery's JSON: gzip, then base64. */
export function encodeDelivery(json: string): string {
  return gzipSync(Buffer.from(json, 'utf8')).toString('base64');
}
