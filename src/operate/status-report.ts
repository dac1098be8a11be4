/**
 * StatusReport: one execution side by side as Step Functions, the tracking table and the oVirt
 * engine each have it, with every difference between them. Plain data: `status --json` prints
 * it as is, and render-status.ts prints it for people.
 */
import type { Action } from '../model/action.js';
import type { ExecutionStatus } from '../model/execution.js';
import type { OvirtStatus } from '../model/ovirt.js';
import type { EndedAs, TrackingState } from '../model/tracking.js';

export interface StatusReport {
  readonly executionArn: string;
  /** null when Step Functions does not know the execution (deleted, or past its 90-day history). */
  readonly stepFunctions: StepFunctionsView | null;
  readonly table: { readonly meta: MetaView | null; readonly rows: readonly RowView[] };
  readonly ovirt: { readonly jobs: readonly JobView[] };
  /** What a sync would still do, planned from the whole history against the rows (changes nothing). */
  readonly plan: readonly Action[];
  readonly differences: readonly Difference[];
}

export interface StepFunctionsView {
  readonly name: string;
  readonly stateMachineArn: string;
  readonly status: ExecutionStatus;
  readonly redriveCount: number;
  /** ISO 8601. */
  readonly startDate: string;
  readonly stopDate?: string | undefined;
  /** Events in the history (the id of the last one). */
  readonly historyLength: number;
}

export interface MetaView {
  readonly cursor: number;
  readonly status?: string | undefined;
  readonly redriveCount: number;
  /** In the sweep index: a job still open in oVirt, or a failed sync to retry. */
  readonly open: boolean;
  readonly requests: number;
  readonly lease: LeaseView | null;
  readonly lastSyncedAt?: string | undefined;
  readonly failure?:
    | { readonly failures: number; readonly error: string; readonly failedAt: string; readonly nextAttemptAt: string | null }
    | undefined;
}

export interface LeaseView {
  readonly owner: string;
  readonly expiresAt: string;
  readonly lapsed: boolean;
}

export interface RowView {
  readonly key: string;
  readonly state: TrackingState;
  readonly ovirtId?: string | undefined;
  readonly description?: string | undefined;
  readonly endedAs?: EndedAs | undefined;
  /** The claim of a PENDING row. */
  readonly claim?: LeaseView | undefined;
  readonly lastError?: string | undefined;
}

export interface JobView {
  /** The row it belongs to; for a job found by Correlation-Id for a PENDING row, that row's key too. */
  readonly key: string;
  readonly id: string;
  /** False when the row names an id the engine does not have. */
  readonly found: boolean;
  readonly description?: string | undefined;
  readonly status?: OvirtStatus | undefined;
  readonly steps: readonly StepView[];
}

export interface StepView {
  readonly id: string;
  readonly description: string;
  readonly status: OvirtStatus;
  readonly parentStepId?: string | undefined;
  /** The row that records it; null when no row does. */
  readonly key: string | null;
}

/** DifferenceKind names each way the three views can disagree. */
export type DifferenceKind =
  | 'not-mirrored'
  | 'unknown-to-step-functions'
  | 'missing-in-ovirt'
  | 'pending-row'
  | 'job-started-after-end'
  | 'desired-without-row'
  | 'ovirt-step-without-row'
  | 'not-ended'
  | 'sync-failing';

export interface Difference {
  readonly kind: DifferenceKind;
  readonly key?: string | undefined;
  /** What is wrong and what happens next or what to do. */
  readonly message: string;
}
