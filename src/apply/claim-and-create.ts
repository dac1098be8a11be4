/**
 * claimAndCreate runs the create half of "claim, then create" (README, "How it works") for one object:
 *
 *   may this user search? (once per container) ── no ──► OvirtPermissionError, nothing claimed
 *        │
 *   claim row PENDING (lease) ── held elsewhere ──► blocked (or the holder's stored error)
 *        │
 *   takeover of a lapsed claim? ──► look it up in oVirt ──► found: adopt
 *        │ no / not found                        │ then renew the claim (still ours? else blocked)
 *        ▼                                       ▼
 *   call oVirt add ──► ok ──► row CREATED (oVirt id), only while the claim is still ours
 *        │ ambiguous failure (reset, timeout, 5xx): the add may have happened
 *        ▼
 *   look it up ──► found: adopt ──► CREATED
 *        │ not found, or any other failure
 *        ▼
 *   store the error on the row and throw (the row stays PENDING under our lease; an invocation
 *   it blocks reports that error; a later run takes it over once the lease lapses and looks again)
 *
 * Adds are never repeated blindly: a lost response may mean the object exists. The lease is long
 * enough (config checks LEASE_SECONDS against OVIRT_TIMEOUT_MS and the clock-skew margin) for an
 * add and the lookup after it to end before anyone may take the claim over, and an add is only
 * started right after a claim or a renewal, with the whole lease ahead.
 */
import { ClaimFailedError, isOvirtHttpError, isOvirtPermissionError, isOvirtUnavailableError, isTrackingConflictError } from '../errors.js';
import type { TrackingRecord } from '../model/tracking.js';
import type { ApplyContext } from './context.js';
import { ensureRecoveryReadsAllowed } from './search-probe.js';

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
  await ensureRecoveryReadsAllowed(ctx.ovirt, ctx.signal);
  const previous = await claim(spec, ctx);
  if (previous === 'blocked') return 'blocked';
  if (previous !== undefined) {
    const found = await inOvirt(spec.key, ctx, () => spec.lookup());
    if (found !== undefined) return record(spec.key, found, true, ctx);
    // The lookup may have taken most of the lease: renew it so the add starts with all of it
    // ahead, and give up if the claim was taken over meanwhile (the new holder adds it).
    if (!(await ctx.store.renewClaim(ctx.executionArn, spec.key, ctx.owner, ctx.now() + ctx.leaseMs, ctx.signal))) {
      return lost(spec.key, ctx);
    }
  }
  const created = await inOvirt(spec.key, ctx, () => createOrFind(spec));
  return record(spec.key, created.id, created.adopted, ctx);
}

/** createOrFind adds the object; after an ambiguous failure it looks for it and adopts what it finds. */
async function createOrFind(spec: CreateSpec): Promise<{ id: string; adopted: boolean }> {
  try {
    return { id: await spec.create(), adopted: false };
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    // A refused lookup is the real problem (no retry can settle this claim), not the lost answer.
    const found = await spec.lookup().catch((lookupError: unknown) => {
      if (isOvirtPermissionError(lookupError)) throw lookupError;
      return undefined;
    });
    if (found === undefined) throw error;
    return { id: found, adopted: true };
  }
}

/**
 * inOvirt runs the oVirt part of a claim; when it fails, the error is stored on our PENDING row
 * (best effort) so the invocations this claim blocks report it. Failures of the table writes
 * themselves are not stored: the claim then behaves as after a crash.
 */
async function inOvirt<T>(key: string, ctx: ApplyContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    await rememberFailure(key, error, ctx);
    throw error;
  }
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
    const holder = error.existingRecord;
    if (holder?.state === 'PENDING' && holder.lastError !== undefined) {
      // The holder failed and keeps the claim until its lease lapses: say why, not "pending".
      ctx.counters.count('ClaimsHeldByFailedAttempt');
      throw new ClaimFailedError({
        key: spec.key,
        earlierErrorName: holder.lastErrorName ?? 'Error',
        earlierError: holder.lastError,
        retryAt: holder.leaseExpiresAt,
      });
    }
    ctx.counters.count('TrackingConflicts');
    ctx.log.info('Another invocation holds the claim; leaving this object to it', { objectKey: spec.key });
    return 'blocked';
  }
}

async function record(key: string, id: string, adopted: boolean, ctx: ApplyContext): Promise<ClaimResult> {
  try {
    await ctx.store.markCreated(ctx.executionArn, key, id, ctx.signal, ctx.owner);
  } catch (error) {
    if (!isTrackingConflictError(error)) throw error;
    const row = error.existingRecord;
    if (row?.state === 'PENDING') {
      // The new holder looks the object up before adding; ours is adopted unless that lookup ran
      // before our add took effect, which the lease sizing rules out while the clocks agree.
      ctx.log.warn('Our claim was taken over while we created the object; the new holder will look it up and adopt it', {
        objectKey: key,
        ovirtId: id,
      });
      return lost(key, ctx);
    }
    // Another invocation recorded another object for this key while we held what we thought
    // was our claim: ours is a duplicate in oVirt. Leases are sized so this cannot happen;
    // if it does, the clocks or the timeouts broke the assumptions the README states.
    ctx.counters.count('DuplicateCreated');
    ctx.log.error('Created an oVirt object for a claim that another invocation had taken over; it is a duplicate', {
      objectKey: key,
      ovirtId: id,
      recorded: row?.ovirtId,
      state: row?.state,
    });
    throw error;
  }
  if (adopted) {
    ctx.counters.count('ObjectsAdopted');
    ctx.log.warn('Adopted an oVirt object created by an earlier, interrupted attempt', { objectKey: key, ovirtId: id });
  }
  return { id, adopted };
}

/** lost: our claim was taken over before we added anything; the new holder creates the object. */
function lost(key: string, ctx: ApplyContext): ClaimResult {
  ctx.counters.count('ClaimsTakenOver');
  ctx.log.warn('The claim was taken over by another invocation (our lease lapsed); leaving this object to it', { objectKey: key });
  return 'blocked';
}

/** rememberFailure stores the error on our PENDING row so invocations it blocks report it. Best effort. */
async function rememberFailure(key: string, error: unknown, ctx: ApplyContext): Promise<void> {
  const failure = error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
  await ctx.store.recordClaimFailure(ctx.executionArn, key, ctx.owner, failure, ctx.signal).catch(() => undefined);
}

/** isAmbiguous: the request may have reached the engine and been applied although we got no answer. */
export function isAmbiguous(error: unknown): boolean {
  if (isOvirtUnavailableError(error)) return error.retryable;
  return isOvirtHttpError(error) && error.status >= 500;
}
