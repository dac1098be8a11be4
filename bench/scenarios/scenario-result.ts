/**
 * ScenarioResult is everything measured for one scenario: the product's calls against the
 * engine minimum and the history page bound, its time, latency and memory, the table's largest
 * item, and the baseline's calls in the same run.
 */
import type { BaselineVariants } from '../baseline/baseline-variants.js';
import type { DynamoCalls, OvirtCalls, SfnCalls } from '../measure/call-counts.js';
import type { WriteCounts } from '../measure/minimum.js';
import type { ScenarioRole } from './catalog.js';
import type { Invocations } from './scenario-run.js';

/**
 * BaselineResult: the ovirt_job approach's HTTP calls with the same changes as ours (`driven`
 * false when worked out instead of run), and two heavier usages worked out for context.
 */
export interface BaselineResult extends BaselineVariants {
  readonly calls: number;
  readonly driven: boolean;
  readonly wallMs?: number | undefined;
}

/** ScenarioResult is one row of the report. */
export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly sync: 'final' | 'live' | 'burst';
  readonly role?: ScenarioRole | undefined;
  readonly executions: number;
  /** History events of all executions (N). */
  readonly events: number;
  readonly ovirt: OvirtCalls;
  readonly minimum: WriteCounts;
  readonly sfn: SfnCalls;
  /** Σ ⌈N/1000⌉ over executions + K sync requests (events delivered and sweep visits). */
  readonly pageBound: number;
  readonly dynamo: DynamoCalls;
  readonly wallMs: number;
  readonly transitionsPerSecond: number;
  /** Event→oVirt latency of the syncs that changed something (see ScenarioRun.latencies). */
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly samples: number };
  /** Event→oVirt latency of the syncs delivered alone before a burst (uncontended reference), ms, in order. */
  readonly soloLatencyMs: readonly number[];
  /** Invocation durations (handler call to return, bookkeeping after the last oVirt change included). */
  readonly durationMs: { readonly p50: number; readonly p99: number; readonly samples: number };
  readonly peakRssMb: number;
  readonly maxItemBytes: number;
  readonly invocations: Invocations;
  readonly convergenceIssues: readonly string[];
  readonly baseline: BaselineResult;
}
