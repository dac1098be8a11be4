/**
 * Execution-side data as the reconciler sees it: a narrowed copy of the Step Functions SDK
 * shapes, so that `src/core` never imports the AWS SDK.
 */

/** ExecutionStatus is the status of a Step Functions execution; unknown values are kept as strings. */
export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE'
  | (string & {});

/** TERMINAL_STATUSES are the statuses after which an execution attempt can change only by a redrive. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** ExecutionDescription is what DescribeExecution tells us, minus input and output (never copied anywhere). */
export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  /** Epoch milliseconds. */
  readonly startDate: number;
  readonly stopDate?: number | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  readonly redriveCount: number;
  readonly redriveDate?: number | undefined;
  readonly mapRunArn?: string | undefined;
}

/**
 * HistoryEvent is one GetExecutionHistory event. Only the fields the tree builder reads are
 * typed; `details` is the single `*EventDetails` member of the SDK event, whatever its name,
 * with execution data (input/output/parameters) stripped by the adapter.
 */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly type: string;
  readonly details?: HistoryEventDetails | undefined;
}

/** HistoryEventDetails keeps the detail fields the tree builder needs, all optional. */
export interface HistoryEventDetails {
  readonly name?: string | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  readonly index?: number | undefined;
  readonly length?: number | undefined;
  readonly mapRunArn?: string | undefined;
  readonly redriveCount?: number | undefined;
  readonly resourceType?: string | undefined;
  readonly resource?: string | undefined;
}

/** MapRunSummary is the part of DescribeMapRun shown on a Distributed Map step. */
export interface MapRunSummary {
  readonly mapRunArn: string;
  readonly status: string;
  readonly itemCounts: Readonly<Record<string, number>>;
  readonly executionCounts: Readonly<Record<string, number>>;
}

/** StateMachineDefinition is the ASL document an execution ran with (DescribeStateMachineForExecution). */
export interface StateMachineDefinition {
  readonly revisionId?: string | undefined;
  /** Parsed ASL (`States`, `StartAt`, nested `Branches` and `ItemProcessor`/`Iterator`). */
  readonly definition: unknown;
}
