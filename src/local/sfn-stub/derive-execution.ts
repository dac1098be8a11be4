/**
 * What DescribeExecution says is derived from the revealed events, never stored: an execution
 * is RUNNING from its first event until a terminal event, and RUNNING again after
 * `ExecutionRedriven` (redriveCount and redriveDate from that event, stopDate cleared).
 *
 * ```
 * ExecutionStarted ─► RUNNING ─► ExecutionFailed ─► FAILED ─► ExecutionRedriven ─► RUNNING(n) ─► ExecutionSucceeded ─► SUCCEEDED(n)
 * ```
 */
import type { StoredExecution, StubEvent } from './stored-execution.js';

/** DerivedExecution is the status part of an execution at some point of its history. @internal */
export interface DerivedExecution {
  readonly status: string;
  readonly stopDate?: number | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  readonly redriveCount: number;
  readonly redriveDate?: number | undefined;
  /** Execution data, served by DescribeExecution as AWS does (never by the status event). */
  readonly input?: string | undefined;
  readonly output?: string | undefined;
  /** Epoch ms of the event that set the current status. */
  readonly changedAt: number;
}

const TERMINAL_BY_EVENT: Readonly<Record<string, string>> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** applyEvent folds one event into the derived state (undefined = not started yet). @internal */
export function applyEvent(state: DerivedExecution | undefined, ev: StubEvent): DerivedExecution {
  const base: DerivedExecution = state ?? { status: 'RUNNING', redriveCount: 0, changedAt: ev.timestampMs };
  const terminal = TERMINAL_BY_EVENT[ev.type];
  if (terminal !== undefined) {
    return {
      ...base,
      status: terminal,
      stopDate: ev.timestampMs,
      error: text(ev.details?.['error']),
      cause: text(ev.details?.['cause']),
      output: terminal === 'SUCCEEDED' ? text(ev.details?.['output']) : undefined,
      changedAt: ev.timestampMs,
    };
  }
  if (ev.type === 'ExecutionRedriven') {
    const count = ev.details?.['redriveCount'];
    return {
      ...base,
      status: 'RUNNING',
      stopDate: undefined,
      error: undefined,
      cause: undefined,
      output: undefined,
      redriveCount: typeof count === 'number' ? count : base.redriveCount + 1,
      redriveDate: ev.timestampMs,
      changedAt: ev.timestampMs,
    };
  }
  if (ev.type === 'ExecutionStarted') return { ...base, input: text(ev.details?.['input']) };
  return base;
}

/**
 * deriveExecution is the state after the first `count` events (default: the revealed ones);
 * undefined when none is visible, i.e. the execution has not started. A recording without any
 * events is served from its description instead (status default RUNNING).
 * @internal
 */
export function deriveExecution(execution: StoredExecution, count = execution.revealed): DerivedExecution | undefined {
  if (execution.events.length === 0) return fromDescription(execution);
  let state: DerivedExecution | undefined;
  for (let i = 0; i < count; i++) {
    const ev = execution.events[i];
    if (ev !== undefined) state = applyEvent(state, ev);
  }
  return state;
}

/**
 * statusChanges lists the derived states at which the status or the redrive count changed
 * while events `from`..`to`-1 were revealed, in order.
 * @internal
 */
export function statusChanges(execution: StoredExecution, from: number, to: number): DerivedExecution[] {
  const changes: DerivedExecution[] = [];
  let state = deriveExecution(execution, from);
  for (let i = from; i < to; i++) {
    const ev = execution.events[i];
    if (ev === undefined) continue;
    const next = applyEvent(state, ev);
    if (state === undefined || next.status !== state.status || next.redriveCount !== state.redriveCount) changes.push(next);
    state = next;
  }
  return changes;
}

function fromDescription(execution: StoredExecution): DerivedExecution {
  const d = execution.description;
  return {
    status: d.status ?? 'RUNNING',
    stopDate: d.stopDate,
    error: d.error,
    cause: d.cause,
    redriveCount: d.redriveCount ?? 0,
    redriveDate: d.redriveDate,
    changedAt: d.stopDate ?? d.redriveDate ?? d.startDate,
  };
}
