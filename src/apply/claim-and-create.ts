/**
 * claimAndCreate runs the create half of "claim, then create" (README, "How it works") for one object:
 *
 *   claim row PENDING (lease) ──► takeover of a lapsed claim? ──► look it up in oVirt ──► adopt
 *                                        │ no / not found
 *                                        ▼
 *                                 call oVirt add ──► ok ──► row CREATED (oVirt id)
 *                                        │ ambiguous failure (reset, timeout, 5xx):
 *                                        ▼ the add may have happened
 *                                 look it up ──► found: adopt ──► CREATED
 *                                        │ not found
 *                                        ▼
 *                                 throw (row stays PENDING under our lease; a later run
 *                                 takes it over once the lease lapses and looks again)
 *
 * Adds are never repeated blindly: a lost response may mean the object exists.
 */
import { isOvirtHttpError, isOvirtUnavailableError, isTrackingConflictError } from '../errors.js';
import type { TrackingRecord } from '../model/tracking.js';
import type { ApplyContext } from './context.js';

/** CreateSpec describes one object to create and how to find it again. */
export interface CreateSpec {
  readonly key: string;
  readonly description: string;
  readonly parentKey?: string | undefined;
  readonly correlationId?: string | undefined;
  /** lookup finds the object in oVirt after a crash or an ambiguous failure; undefined when absent. */
  readonly lookup: () => Promise<string | undefined>;
  readonly create: () => Promise<string>;
}

/** ClaimResult: the oVirt id, or 'blocked' when another live invocation holds the claim. */
export type ClaimResult = { readonly id: string; readonly adopted: boolean } | 'blocked';

/** claimAndCreate claims the row, creates or adopts the object, and records its id. */
export async function claimAndCreate(spec: CreateSpec, ctx: ApplyContext): Promise<ClaimResult> {
  const previous = await claim(spec, ctx);
  if (previous === 'blocked') return 'blocked';
  if (previous !== undefined) {
    const found = await spec.lookup();
    if (found !== undefined) return record(spec.key, found, true, ctx);
  }
  let id: string;
  try {
    id = await spec.create();
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    const found = await spec.lookup().catch(() => undefined);
    if (found === undefined) throw error;
    return record(spec.key, found, true, ctx);
  }
  return record(spec.key, id, false, ctx);
}

async function claim(spec: CreateSpec, ctx: ApplyContext): Promise<TrackingRecord | undefined | 'blocked'> {
  const now = ctx.now();
  try {
    return await ctx.store.claim(
      {
        executionArn: ctx.executionArn,
        key: spec.key,
        state: 'PENDING',
        leaseOwner: ctx.owner,
        leaseExpiresAt: now + ctx.leaseMs,
        description: spec.description,
        parentKey: spec.parentKey,
        correlationId: spec.correlationId,
      },
      now,
      ctx.signal,
    );
  } catch (error) {
    if (!isTrackingConflictError(error)) throw error;
    ctx.counters.count('TrackingConflicts');
    ctx.log.info('Another invocation holds the claim; leaving this object to it', { objectKey: spec.key });
    return 'blocked';
  }
}

async function record(key: string, id: string, adopted: boolean, ctx: ApplyContext): Promise<ClaimResult> {
  await ctx.store.markCreated(ctx.executionArn, key, id, ctx.signal);
  if (adopted) {
    ctx.counters.count('ObjectsAdopted');
    ctx.log.warn('Adopted an oVirt object created by an earlier, interrupted attempt', { objectKey: key, ovirtId: id });
  }
  return { id, adopted };
}

/** isAmbiguous: the request may have reached the engine and been applied although we got no answer. */
export function isAmbiguous(error: unknown): boolean {
  if (isOvirtUnavailableError(error)) return error.retryable;
  return isOvirtHttpError(error) && error.status >= 500;
}
