/**
 * ApplyContext: what applying a plan needs — the ports, who we are (lease owner), the
 * clock, and where to report. Built by src/reconcile/round.ts for one round.
 */
import type { Counters, Log } from '../model/telemetry.js';
import type { TrackingState } from '../model/tracking.js';
import type { OvirtJobs, TrackingStore } from '../ports.js';

export interface ApplyContext {
  readonly executionArn: string;
  readonly store: TrackingStore;
  readonly ovirt: OvirtJobs;
  /** Lease owner id of this invocation; written on every claim. */
  readonly owner: string;
  readonly now: () => number;
  /** How long a claim protects a PENDING row (ms). */
  readonly leaseMs: number;
  readonly log: Log;
  readonly counters: Counters;
  readonly signal?: AbortSignal | undefined;
  /**
   * shouldStop is asked before each action: true (the invocation's soft deadline is near) stops
   * the run between two actions, so no claim is left PENDING on purpose. @default never
   */
  readonly shouldStop?: (() => boolean) | undefined;
}

/** Known is what apply knows of one object row while it runs: its state and oVirt id. */
export interface Known {
  readonly state: TrackingState;
  readonly ovirtId?: string | undefined;
}
