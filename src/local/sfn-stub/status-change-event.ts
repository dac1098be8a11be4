/**
 * Builds the EventBridge "Step Functions Execution Status Change" event exactly as
 * docs/step-functions-signals.md#event-detail describes it: every `detail` key present, `null` for absent values, epoch-ms dates.
 * Execution data never travels: `input` and `output` are always null (as when AWS drops them
 * for size), with `inputDetails`/`outputDetails` saying so.
 */
import { randomUUID } from 'node:crypto';
import type { SfnStatusChangeEvent } from '../../model/status-change-event.js';
import { SFN_EVENT_SOURCE, SFN_STATUS_CHANGE_DETAIL_TYPE } from '../../model/status-change-event.js';
import { toEventTime } from './wire-dates.js';

/**
 * StatusChangeSource is what the event is built from: an execution's description with epoch-ms
 * dates. The model's ExecutionDescription fits it as it is.
 */
export interface StatusChangeSource {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: string;
  readonly startDate: number;
  readonly stopDate?: number | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  readonly redriveCount?: number | undefined;
  readonly redriveDate?: number | undefined;
  readonly stateMachineVersionArn?: string | undefined;
  readonly stateMachineAliasArn?: string | undefined;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * statusChangeEvent builds the status change event of `source`. `time` defaults to when the
 * status was reached (stopDate when terminal, else redriveDate after a redrive, else startDate);
 * `id` defaults to a fresh UUID, as every emitted event has its own.
 *
 * @example
 * const event = statusChangeEvent({ executionArn, stateMachineArn, name, status: 'RUNNING', startDate: Date.now() });
 */
export function statusChangeEvent(source: StatusChangeSource, options?: { time?: number; id?: string }): SfnStatusChangeEvent {
  const [, , , region = '', account = ''] = source.executionArn.split(':');
  const redriveCount = source.redriveCount ?? 0;
  const terminal = TERMINAL.has(source.status);
  const reached = terminal ? source.stopDate : redriveCount > 0 ? source.redriveDate : undefined;
  return {
    version: '0',
    id: options?.id ?? randomUUID(),
    'detail-type': SFN_STATUS_CHANGE_DETAIL_TYPE,
    source: SFN_EVENT_SOURCE,
    account,
    time: toEventTime(options?.time ?? reached ?? source.startDate),
    region,
    resources: [source.executionArn],
    detail: {
      executionArn: source.executionArn,
      stateMachineArn: source.stateMachineArn,
      name: source.name,
      status: source.status,
      startDate: source.startDate,
      stopDate: terminal ? (source.stopDate ?? null) : null,
      input: null,
      output: null,
      stateMachineVersionArn: source.stateMachineVersionArn ?? null,
      stateMachineAliasArn: source.stateMachineAliasArn ?? null,
      redriveCount,
      redriveDate: source.redriveDate ?? null,
      ...redriveStatus(source.status, redriveCount),
      inputDetails: { included: false },
      outputDetails: source.status === 'SUCCEEDED' ? { included: false } : null,
      error: source.error ?? null,
      cause: source.cause ?? null,
    },
  };
}

/**
 * redriveStatus gives the redrive fields for a status. A redriven RUNNING execution reports
 * `REDRIVE_IN_PROGRESS`, as AWS's published example does (not an API enum value, so consumers
 * must treat the field as an open string and detect a redrive by redriveCount > 0).
 * @internal
 */
export function redriveStatus(status: string, redriveCount: number): { redriveStatus: string; redriveStatusReason: string } {
  if (TERMINAL.has(status) && status !== 'SUCCEEDED') {
    return { redriveStatus: 'REDRIVABLE', redriveStatusReason: `Execution is ${status} and is redrivable` };
  }
  const inProgress = status === 'RUNNING' && redriveCount > 0;
  return {
    redriveStatus: inProgress ? 'REDRIVE_IN_PROGRESS' : 'NOT_REDRIVABLE',
    redriveStatusReason: `Execution is ${status} and cannot be redriven`,
  };
}
