/**
 * What every case of the tracking-store contract shares: the subject under test, fresh ARNs,
 * plausible progress and claims, and a way to catch the conflict a conditional write throws.
 */
import { isTrackingConflictError } from '../../../src/errors.js';
import type { TrackingConflictError } from '../../../src/errors.js';
import type { TrackingRecord } from '../../../src/model/tracking.js';
import type { TrackingStore } from '../../../src/ports.js';

// The same ARNs and progress values as the adapter's own integration tests.
export { newArn, progress } from '../../integration/dynamo/fixtures.js';

/**
 * ContractSubject is one empty store and the single probe the port cannot answer itself: the
 * expiry stored on a row (expireExecution's only effect).
 */
export interface ContractSubject {
  readonly store: TrackingStore;
  expiryOf(executionArn: string, key: string): Promise<number | undefined>;
}

/** StoreHarness makes subjects: `fresh` is called before every case, so cases never see each other's rows. */
export interface StoreHarness {
  start(): Promise<void>;
  fresh(): Promise<ContractSubject>;
  stop(): Promise<void>;
}

/** MethodCases registers the `it` blocks of one method; `subject` returns the case's fresh subject. */
export type MethodCases = (subject: () => ContractSubject) => void;

export const NOW = 1_700_000_000_000;
export const LEASE_MS = 30_000;

/** pending is a PENDING claim of `key` by `owner`, live for LEASE_MS from `now`. */
export function pending(executionArn: string, key: string, owner: string, now = NOW): TrackingRecord & { state: 'PENDING' } {
  return {
    executionArn,
    key,
    state: 'PENDING',
    leaseOwner: owner,
    leaseExpiresAt: now + LEASE_MS,
    description: `Pipeline ${key}`,
    parentKey: key === 'job#0' ? undefined : 'job#0',
    correlationId: 'opj-0123456789abcdef0123456789abcdef',
  };
}

/** conflictOf resolves to the TrackingConflictError `promise` rejects with, and fails otherwise. */
export async function conflictOf(promise: Promise<unknown>): Promise<TrackingConflictError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTrackingConflictError(error)) throw new Error(`expected a TrackingConflictError, got ${String(error)}`);
  return error;
}

/** rejectionOf resolves to whatever `promise` rejects with, and fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

/** recordOf reads one object row through the port. */
export async function recordOf(store: TrackingStore, executionArn: string, key: string): Promise<TrackingRecord | undefined> {
  return (await store.getRecords(executionArn, [key])).get(key);
}
