/**
 * The Step Functions stub: a loopback HTTP server speaking the AWS JSON 1.0 protocol of
 * `@aws-sdk/client-sfn`, playing recorded executions (progressive reveal, status change events,
 * CloudWatch Logs subscription deliveries of their log records, Express executions served as
 * AWS serves them, throttling and failures on demand). Used by tests, by the local stack and by benchmarks.
 * It is written from docs/step-functions-signals.md alone and never imports the Step Functions adapter, so the
 * two cannot agree on a mistake.
 */
export { startSfnStub } from './start-sfn-stub.js';
export { loadSharedFixtureRecordings } from './load-shared-fixtures.js';
export { statusChangeEvent } from './status-change-event.js';
export { syntheticRecording } from './synthetic-recording.js';
export type { StatusChangeSource } from './status-change-event.js';
export type { LogShipment, LogShipperOptions, LogShipperStats } from './logs/log-shipper.js';
export type { StubLogRecord } from './logs/log-record.js';
export type { DecodedDelivery, LogEventEntry, SubscriptionPayload } from './logs/subscription-payload.js';
export type { SyntheticOptions } from './synthetic-recording.js';
export type {
  DelayRule,
  FaultRule,
  SdkHistoryEvent,
  ServerFaultRule,
  SfnRecording,
  SfnRecordingDescription,
  SfnStateMachine,
  SfnStub,
  SfnStubOptions,
  SfnStubStats,
} from './types.js';
export type { SfnExecutionStatusChangeDetail, SfnStatusChangeEvent } from '../../model/status-change-event.js';
