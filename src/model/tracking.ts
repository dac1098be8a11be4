/**
 * Tracking rows: what the reconciler has created in oVirt for one execution.
 * One row per oVirt object plus one bounded meta row, all under the execution ARN.
 */

/**
 * TrackingState is the life of one row. `PENDING` means "claimed, oVirt add may or may not
 * have happened"; `GONE` means oVirt no longer has the object (cleaned up) and it must never
 * be recreated. A lapsed lease is never stored: it is worked out from `leaseExpiresAt`.
 */
export const TrackingState = Object.freeze({
  PENDING: 'PENDING',
  CREATED: 'CREATED',
  ENDED: 'ENDED',
  GONE: 'GONE',
} as const);
export type TrackingState = (typeof TrackingState)[keyof typeof TrackingState];

/** TrackingRecord is one object row. `key` is the deterministic object key (see core/object-key). */
export interface TrackingRecord {
  readonly executionArn: string;
  readonly key: string;
  readonly state: TrackingState;
  /** oVirt id, known once CREATED. */
  readonly ovirtId?: string | undefined;
  /** Who holds the claim of a PENDING row, and until when (epoch ms). */
  readonly leaseOwner?: string | undefined;
  readonly leaseExpiresAt?: number | undefined;
  /** What was (or is being) created: enough to find it again in oVirt after a crash. */
  readonly description?: string | undefined;
  readonly parentKey?: string | undefined;
  readonly correlationId?: string | undefined;
  /** How the object was ended by us (steps: only 'finished'; jobs: 'finished' | 'failed'). */
  readonly endedAs?: 'finished' | 'failed' | undefined;
  /**
   * Why the claim holder's last attempt on a PENDING row failed (error name and message), so an
   * invocation this claim blocks reports that error instead of a silent `pending`.
   */
  readonly lastErrorName?: string | undefined;
  readonly lastError?: string | undefined;
}

/** isLeaseLapsed tells whether a PENDING row's claim may be taken over at `now` (epoch ms). */
export function isLeaseLapsed(record: TrackingRecord, now: number): boolean {
  return record.leaseExpiresAt === undefined || record.leaseExpiresAt <= now;
}
