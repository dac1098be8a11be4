/**
 * The one push signal Step Functions sends per execution status change: the EventBridge event
 * "Step Functions Execution Status Change" (source `aws.states`). `@types/aws-lambda` ships no
 * detail type for it, so it is declared here (docs/step-functions-signals.md#envelope, #event-detail).
 */
import type { EventBridgeEvent } from 'aws-lambda';
import type { ExecutionStatus } from './execution.js';

/** SFN_STATUS_CHANGE_DETAIL_TYPE is the `detail-type` of the status change event. */
export const SFN_STATUS_CHANGE_DETAIL_TYPE = 'Step Functions Execution Status Change';

/** SFN_EVENT_SOURCE is the `source` of every Step Functions event on EventBridge. */
export const SFN_EVENT_SOURCE = 'aws.states';

/**
 * SfnExecutionStatus is the `status` of the event: the execution statuses of model/execution.
 * PENDING_REDRIVE exists in the SDK enum but is not documented for EventBridge; unknown values
 * are kept as strings.
 */
export type SfnExecutionStatus = ExecutionStatus;

/**
 * SfnExecutionStatusChangeDetail is the event's `detail`. Every key is present in current
 * payloads, with `null` for absent values; dates are epoch milliseconds. The redrive fields are
 * optional because payloads sent before the November 2023 redrive launch lack them, and
 * `redriveStatus` is an open string (AWS's own example shows `REDRIVE_IN_PROGRESS`, which is not
 * in the API enum).
 */
export interface SfnExecutionStatusChangeDetail {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: SfnExecutionStatus;
  startDate: number;
  stopDate: number | null;
  input: string | null;
  output: string | null;
  inputDetails: { included: boolean } | null;
  outputDetails: { included: boolean } | null;
  stateMachineVersionArn: string | null;
  stateMachineAliasArn: string | null;
  redriveCount?: number;
  redriveDate?: number | null;
  redriveStatus?: string;
  redriveStatusReason?: string | null;
  error: string | null;
  cause: string | null;
}

/** SfnStatusChangeEvent is the whole EventBridge event as a Lambda target receives it. */
export type SfnStatusChangeEvent = EventBridgeEvent<typeof SFN_STATUS_CHANGE_DETAIL_TYPE, SfnExecutionStatusChangeDetail>;
