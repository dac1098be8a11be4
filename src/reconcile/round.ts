/**
 * syncRound is one level-triggered pass over an execution: read what is new in Step
 * Functions, rebuild the tree from the checkpoint, compute the desired oVirt objects, plan
 * against the tracking rows, and apply. It never branches on which event arrived. On a first
 * sync one round is one forward page of history (see read-history.ts).
 */
import type { ApplyReport } from '../apply/apply-plan.js';
import { buildTree, checkpointOf, parseCheckpoint, serializeCheckpoint } from '../core/build-tree.js';
import { desiredState } from '../core/desired.js';
import type { ExecutionDescription } from '../model/execution.js';
import type { DesiredState } from '../model/desired.js';
import type { PlanHints } from '../core/plan.js';
import type { Action } from '../model/action.js';
import type { ExecutionMeta } from '../ports.js';
import type { TreeCheckpoint } from '../model/tree.js';
import { applyDesired } from './apply-desired.js';
import { desiredContext } from './desired-context.js';
import type { ReconcileDeps } from './deps.js';
import { readNewHistory } from './read-history.js';
import type { HeldEvents } from '../core/held-events.js';
import { NOTHING_HELD } from '../core/held-events.js';
import { heldAfterRead } from './pushed-events.js';

/** RoundResult: what one pass did and what to save if it converged. */
export interface RoundResult {
  readonly description: ExecutionDescription;
  readonly desired: DesiredState;
  readonly actions: readonly Action[];
  readonly report: ApplyReport;
  readonly cursor: number;
  readonly checkpoint: string;
  /** The next forward page's token: the forward read of a first sync goes on from it. */
  readonly historyToken?: string | undefined;
  /** Pushed records after a gap, to keep on the meta row (push path; see pushed-events.ts). */
  readonly held: HeldEvents;
  /** Why the round did nothing and the sync must stop without saving (the push path's history budget refused a read). */
  readonly deferred?: string | undefined;
}

/** syncRound runs one pass for the execution whose lease `owner` holds. */
export async function syncRound(
  meta: ExecutionMeta,
  description: ExecutionDescription,
  owner: string,
  deps: ReconcileDeps,
  signal?: AbortSignal,
): Promise<RoundResult> {
  const arn = meta.executionArn;
  const from = resumePoint(meta, deps);
  const forward = !deps.dryRun && (from.cursor === 0 || meta.historyToken !== undefined);
  const read = await readNewHistory(arn, { cursor: from.cursor, forwardToken: from.cursor === 0 ? undefined : meta.historyToken, forward }, deps, signal);
  const { events, historyToken } = read;
  if (read.deferred === true) return await deferToSweep(meta, description, owner, deps, signal);
  const tree = buildTree(events, from.checkpoint);
  const ctx = await desiredContext(tree, description, deps, signal);
  const desired = desiredState(tree, ctx);
  const cursor = events.reduce((max, event) => Math.max(max, event.id), from.cursor);
  const checkpoint = serializeCheckpoint(checkpointOf(tree));
  const held = read.held ?? heldAfterRead(meta, deps.pushed, cursor, deps.now());
  const { actions, report } = await applyDesired(arn, owner, meta.open, desired, deps, signal, planHints(desired, description));
  return { description, desired, actions, report, cursor, checkpoint, historyToken, held };
}

/**
 * deferToSweep ends a round whose history read the push path's budget refused: nothing is
 * read or applied, and the execution is put in the sweep index (if it is not there yet, e.g. on
 * first sight), so the sweep repairs it even if no other event comes.
 */
async function deferToSweep(
  meta: ExecutionMeta,
  description: ExecutionDescription,
  owner: string,
  deps: ReconcileDeps,
  signal?: AbortSignal,
): Promise<RoundResult> {
  if (!meta.open && !deps.dryRun) await deps.store.markOpen(meta.executionArn, owner, deps.now(), signal);
  return {
    description,
    desired: { jobs: [], steps: [] },
    actions: [],
    report: { applied: 0, blocked: [], gone: [] },
    cursor: meta.cursor,
    checkpoint: meta.checkpoint ?? '',
    held: NOTHING_HELD,
    deferred: 'the push path\'s history budget is used up this second; left to the sweep',
  };
}

/**
 * planHints: when Step Functions already says the latest run SUCCEEDED, that run's job will be
 * ended `finished`, which closes its started steps (docs/ovirt-engine-behaviour.md#job-end-cascade) — so pages read before the
 * end of the history do not end them one by one. A FAILED run gets no hint: its finished
 * steps must be ended before the job, or the cascade would fail them.
 */
function planHints(desired: DesiredState, description: ExecutionDescription): PlanHints {
  if (description.status !== 'SUCCEEDED') return {};
  const latest = desired.jobs.filter((job) => job.run === description.redriveCount).map((job) => job.key);
  return { jobsKnownToFinish: new Set(latest) };
}

/**
 * resumePoint is where this round starts reading: after the saved cursor, from the saved
 * checkpoint. A checkpoint this version cannot read (written by another release, or damaged)
 * is not fatal: the round rebuilds the tree from the first event, and the tracking rows keep
 * what was already mirrored from being created again.
 */
function resumePoint(meta: ExecutionMeta, deps: ReconcileDeps): { cursor: number; checkpoint?: TreeCheckpoint } {
  if (meta.checkpoint === undefined) return { cursor: meta.cursor };
  try {
    return { cursor: meta.cursor, checkpoint: parseCheckpoint(meta.checkpoint) };
  } catch (error) {
    if ((error as Error).name !== 'CheckpointFormatError') throw error;
    deps.log.warn('Saved checkpoint is unreadable; rebuilding the tree from the whole history', { error: (error as Error).message });
    return { cursor: 0 };
  }
}
