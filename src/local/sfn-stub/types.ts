/**
 * Public types of the Step Functions stub: what a recording holds and what a running stub offers.
 * Dates given by callers are epoch milliseconds (or ISO strings where the fixtures use them);
 * the stub turns them into the wire format (epoch seconds) itself.
 */
import type { SfnStatusChangeEvent } from '../../model/status-change-event.js';
import type { LogShipment, LogShipperOptions, LogShipperStats } from './logs/log-shipper.js';

/**
 * SdkHistoryEvent is one history event shaped as `@aws-sdk/client-sfn` returns it: `id`,
 * `previousEventId`, `type`, `timestamp` and at most one `*EventDetails` member. The timestamp
 * may be an ISO string (as in the JSON fixtures), epoch milliseconds or a Date.
 */
export interface SdkHistoryEvent {
  readonly id: number;
  readonly previousEventId?: number | undefined;
  readonly type: string;
  readonly timestamp: string | number | Date;
  readonly [detailsMember: string]: unknown;
}

/**
 * SfnRecordingDescription names the execution. Its status-like fields are used only when the
 * recording has no events; otherwise DescribeExecution is derived from the revealed events.
 */
export interface SfnRecordingDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  /** Epoch milliseconds (or ISO string). */
  readonly startDate: number | string;
  readonly status?: string | undefined;
  readonly stopDate?: number | string | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  readonly redriveCount?: number | undefined;
  readonly redriveDate?: number | string | undefined;
  readonly mapRunArn?: string | undefined;
  readonly stateMachineVersionArn?: string | undefined;
  readonly stateMachineAliasArn?: string | undefined;
}

/** SfnRecording is one execution the stub can play: who it is, its history, its definition. */
export interface SfnRecording {
  readonly description: SfnRecordingDescription;
  /** SDK-shaped events in id order (the stub sorts them anyway). */
  readonly events: readonly SdkHistoryEvent[];
  /** ASL for DescribeStateMachineForExecution, as a JSON string or an object. */
  readonly definition?: string | object | undefined;
  /** DescribeMapRun outputs by mapRunArn (dates as epoch ms or ISO strings). */
  readonly mapRuns?: Readonly<Record<string, object>> | undefined;
}

/**
 * SfnStateMachine declares a state machine with settings its executions cannot tell: its type
 * and its logging (the operator command's doctor checks both). Undeclared state machines that
 * have executions are STANDARD with logging OFF.
 */
export interface SfnStateMachine {
  readonly stateMachineArn: string;
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS' | undefined;
  /** As DescribeStateMachine returns it. @default { level: 'OFF', includeExecutionData: false } */
  readonly loggingConfiguration?: {
    readonly level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
    readonly includeExecutionData?: boolean | undefined;
    readonly destinations?: readonly { readonly cloudWatchLogsLogGroup: { readonly logGroupArn: string } }[] | undefined;
  } | undefined;
  /** ASL as a JSON string; @default the definition of its latest execution. */
  readonly definition?: string | undefined;
}

/** FaultRule selects requests to fail: by operation (all when absent), a number of times, or a probability. */
export interface FaultRule {
  readonly operation?: string | undefined;
  /** How many matching requests fail before the rule is spent; unlimited when absent. */
  readonly times?: number | undefined;
  /** Chance (0..1) that a matching request fails, drawn from the stub's seeded generator. */
  readonly probability?: number | undefined;
}

/** ServerFaultRule answers 500 (InternalFailure) or 503 (ServiceUnavailable). */
export interface ServerFaultRule extends FaultRule {
  readonly status: 500 | 503;
}

/** DelayRule holds matching answers back for `ms` milliseconds (latency, abort tests). */
export interface DelayRule extends FaultRule {
  readonly ms: number;
}

/** SfnStubStats counts requests per operation, history pages served and throttled answers. */
export interface SfnStubStats {
  readonly calls: Record<string, number>;
  readonly pages: number;
  readonly throttled: number;
}

/** SfnStub is a running stub server; see startSfnStub. */
export interface SfnStub {
  /** Base URL, e.g. `http://127.0.0.1:43121`; give it to the SDK client as `endpoint`. */
  readonly url: string;
  /**
   * addExecution adds (or replaces) an execution with `revealed` events visible (default 'all').
   * It emits nothing: only reveal() makes status changes. With `revealed: 0` the execution does
   * not exist yet for the API (ExecutionDoesNotExist, not listed) until its first reveal.
   */
  addExecution(rec: SfnRecording, opts?: { revealed?: number | 'all' }): void;
  /**
   * reveal makes the events up to `upToEventId` visible. The execution looks RUNNING until a
   * terminal event is revealed; every derived status change crossed is emitted, in order
   * (none for an Express execution), and each event revealed is logged (onLogDelivery).
   */
  reveal(executionArn: string, upToEventId: number | 'all'): void;
  /** defineStateMachine declares (or replaces) a state machine for DescribeStateMachine, executions or not. */
  defineStateMachine(stateMachine: SfnStateMachine): void;
  /** executions lists the ARNs of every added execution. */
  executions(): string[];
  /** throttle answers matching requests with HTTP 400 ThrottlingException. */
  throttle(rule: FaultRule): void;
  /** failWith answers matching requests with HTTP 500 InternalFailure or 503 ServiceUnavailable. */
  failWith(rule: ServerFaultRule): void;
  /** delay holds matching answers back (not part of AWS: for latency and cancellation tests). */
  delay(rule: DelayRule): void;
  /** clearFaults removes every throttle, failure and delay rule. */
  clearFaults(): void;
  /**
   * onStatusChange subscribes to status change events, delivered synchronously inside reveal()
   * (a listener that throws makes reveal() throw); returns the unsubscribe function.
   */
  onStatusChange(listener: (event: SfnStatusChangeEvent) => void): () => void;
  /**
   * onLogDelivery subscribes to the CloudWatch Logs subscription deliveries of the executions'
   * log records (level ALL, no execution data): from the first subscription on, every event
   * revealed is logged, and every `logs.batchMs` the new records are delivered in batches per
   * log stream (see LogShipper). Returns the unsubscribe function.
   */
  onLogDelivery(listener: (shipment: LogShipment) => void): () => void;
  /** flushLogs delivers what is logged so far at once, without waiting for the next batch. */
  flushLogs(): void;
  logStats(): LogShipperStats;
  stats(): SfnStubStats;
  resetStats(): void;
  /** stop closes the server and every open connection. */
  stop(): Promise<void>;
}

/** SfnStubOptions: where to listen (default 127.0.0.1, ephemeral port) and the fault seed. */
export interface SfnStubOptions {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** Seed of the generator behind `probability` faults, so a faulty run can be replayed. */
  readonly seed?: number | undefined;
  /** Batching and fault mix of the log deliveries (onLogDelivery). */
  readonly logs?: LogShipperOptions | undefined;
}
