/**
 * Schedule is one randomized chaos scenario, as plain data so fast-check can generate, print
 * and shrink it: which executions run (fixtures under fresh names), how their histories are
 * revealed, what becomes of each status change event (lost, or delivered 1–5 times, in any
 * order), and a sequence of steps mixing deliveries (1–8 concurrent invocations, each possibly
 * crashing at its k-th port call), sweeps, clock jumps and faults of oVirt and AWS.
 */
import type { FaultKind } from '../../../src/local/ovirt-engine/index.js';
import type { Dimensions } from './dimensions.js';
import type { CrashPlan } from './invocation.js';
import type { Pipeline } from './generated-pipeline.js';
import type { FixtureName } from './recordings.js';
import type { TableFaultKind } from './table-faults.js';

/** ExecutionPlan: a fixture or a generated pipeline, the event counts at which to pause revealing, the fate of each status event. */
export interface ExecutionPlan {
  readonly fixture: FixtureName | 'generated';
  /** The generated execution, when `fixture` is 'generated'. */
  readonly pipeline?: Pipeline | undefined;
  /** Ascending event counts; revealing walks through them, then to the end. */
  readonly pauses: readonly number[];
  /** Copies delivered of the n-th status change event (0 = lost by EventBridge); cycled if short. */
  readonly copies: readonly number[];
}

/** EngineRoute is where an engine fault applies. */
export type EngineRoute = 'POST /jobs' | 'POST /jobs/{id}/steps' | 'POST /jobs/{id}/end' | 'POST /jobs/{id}/steps/{id}/end' | 'GET /jobs' | 'GET /jobs/{id}/steps' | 'any';

/** FaultSpec is one fault a step injects. */
export type FaultSpec =
  | { readonly kind: 'engine'; readonly rule: FaultKind; readonly route: EngineRoute; readonly times: number; readonly latencyMs: number }
  | { readonly kind: 'engine-restart' }
  | { readonly kind: 'token-revoke' }
  | { readonly kind: 'engine-cleanup' }
  | { readonly kind: 'sfn-throttle'; readonly operation: string | null; readonly times: number }
  | { readonly kind: 'sfn-5xx'; readonly status: 500 | 503; readonly operation: string | null; readonly times: number }
  | { readonly kind: 'table'; readonly fault: TableFaultKind; readonly times: number };

/** ScheduleStep is one step of a schedule. */
export type ScheduleStep =
  | { readonly kind: 'reveal'; readonly execution: number }
  /**
   * Deliver inbox entries: `picks` choose entries (modulo the inbox size), run `concurrency` at a
   * time; the n-th invocation may crash (`crashes`) or reach its soft deadline after k port calls (`deadlines`).
   */
  | {
      readonly kind: 'deliver';
      readonly picks: readonly number[];
      readonly concurrency: number;
      readonly crashes: readonly (CrashPlan | null)[];
      readonly deadlines?: readonly (number | null)[] | undefined;
    }
  | { readonly kind: 'sweep'; readonly crash: CrashPlan | null; readonly deadline?: number | null | undefined }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'fault'; readonly fault: FaultSpec };

/** Schedule is a whole scenario; the epilogue (reveal all, deliver all) is part of `finale`. */
export interface Schedule {
  readonly executions: readonly ExecutionPlan[];
  readonly steps: readonly ScheduleStep[];
  /** How the remaining inbox is delivered once everything is revealed. */
  readonly finale: { readonly concurrency: number; readonly crashes: readonly (CrashPlan | null)[] };
  /** The fault dimensions drawn for this schedule (see dimensions.ts); absent when none is enabled. */
  readonly dimensions?: Dimensions | undefined;
}

/** faultName is the figure key of a fault ("engine:http-503", "table:throttle", …). */
export function faultName(fault: FaultSpec): string {
  switch (fault.kind) {
    case 'engine':
      return `engine:${fault.rule}`;
    case 'table':
      return `table:${fault.fault}`;
    case 'sfn-5xx':
      return `sfn:${fault.status}`;
    case 'sfn-throttle':
      return 'sfn:throttle';
    default:
      return fault.kind;
  }
}
