/**
 * engineMinimum computes, independently of the planner and the tracking table, the fewest oVirt
 * writes that mirror an execution under the engine's semantics (docs/ovirt-engine-behaviour.md#job-end-cascade): every job
 * and every mirrored step created once; a step ended on its own only when the job-end cascade
 * would give it the wrong status; every ended job ended once.
 *
 * The desired state comes from the pure core, rebuilt from scratch (no checkpoint) over the
 * history prefix each sync saw, so the incremental path of the product is checked against it:
 *
 * | A step that must read `finished` first appears as such in a sync where its job… | individual end? |
 * | --------------------------------------------------------------------------------- | --------------- |
 * | is ended `finished` by that same sync                                            | no (cascade)    |
 * | is still running (live mirroring) or is ended `failed`                           | yes             |
 *
 * With one final sync this is 1 create per job and step, the ends the cascade gets wrong and 1
 * end per job; with syncs while running, steps that finished before the last sync add one end each.
 */
import { toHistoryEvent } from '../../src/adapters/sfn/to-history-event.js';
import { buildTree } from '../../src/core/build-tree.js';
import { desiredState } from '../../src/core/desired.js';
import type { SdkHistoryEvent, SfnRecording } from '../../src/local/sfn-stub/index.js';
import type { DesiredJob, DesiredState, DesiredStep } from '../../src/model/desired.js';
import type { HistoryEvent } from '../../src/model/execution.js';
import type { MappingConfig } from '../../src/model/mapping.js';

/** WriteCounts splits oVirt writes by kind. */
export interface WriteCounts {
  jobCreates: number;
  stepCreates: number;
  stepEnds: number;
  jobEnds: number;
}

/** totalWrites adds the kinds up. */
export const totalWrites = (w: WriteCounts): number => w.jobCreates + w.stepCreates + w.stepEnds + w.jobEnds;

/** emptyWrites is all zeros. */
export const emptyWrites = (): WriteCounts => ({ jobCreates: 0, stepCreates: 0, stepEnds: 0, jobEnds: 0 });

/** desiredAt returns the desired oVirt objects for the first `revealed` events of `recording`. */
export function desiredAt(recording: SfnRecording, revealed: number, mapping: MappingConfig): DesiredState {
  const events = recording.events.slice(0, revealed).map(toModelEvent);
  const { executionArn, name, stateMachineArn } = recording.description;
  return desiredState(buildTree(events), {
    executionArn,
    stateMachineName: stateMachineArn.split(':')[6] ?? 'state machine',
    executionName: name,
    mapping,
  });
}

/** MinimumChange is one write of the minimum, in the order a sync would make it. */
export type MinimumChange =
  | { readonly kind: 'createJob'; readonly job: DesiredJob }
  | { readonly kind: 'createStep'; readonly step: DesiredStep }
  | { readonly kind: 'endStep'; readonly step: DesiredStep }
  | { readonly kind: 'endJob'; readonly job: DesiredJob };

/**
 * minimumChanges returns the minimum writes for an execution synced after each of
 * `syncPoints` (numbers of events revealed when a sync read the history, ascending).
 */
export function minimumChanges(recording: SfnRecording, syncPoints: readonly number[], mapping: MappingConfig): MinimumChange[] {
  const changes: MinimumChange[] = [];
  const created = new Set<string>();
  const settled = new Set<string>();
  const endedJobs = new Set<string>();
  for (const revealed of new Set(syncPoints)) {
    const desired = desiredAt(recording, revealed, mapping);
    const jobs = new Map(desired.jobs.map((job) => [job.key, job]));
    const ends: MinimumChange[] = [];
    for (const job of desired.jobs) if (!endedJobs.has(job.key) && countOnce(created, job.key)) changes.push({ kind: 'createJob', job });
    for (const step of desired.steps) {
      if (endedJobs.has(step.jobKey)) continue;
      if (countOnce(created, step.key)) changes.push({ kind: 'createStep', step });
      if (step.end !== 'finished' || !countOnce(settled, step.key)) continue;
      if (jobs.get(step.jobKey)?.end !== 'finished') ends.push({ kind: 'endStep', step });
    }
    changes.push(...ends);
    for (const job of desired.jobs) if (job.end !== null && countOnce(endedJobs, job.key)) changes.push({ kind: 'endJob', job });
  }
  return changes;
}

/** engineMinimum counts minimumChanges by kind. */
export function engineMinimum(recording: SfnRecording, syncPoints: readonly number[], mapping: MappingConfig): WriteCounts {
  const writes = emptyWrites();
  for (const change of minimumChanges(recording, syncPoints, mapping)) {
    if (change.kind === 'createJob') writes.jobCreates += 1;
    else if (change.kind === 'createStep') writes.stepCreates += 1;
    else if (change.kind === 'endStep') writes.stepEnds += 1;
    else writes.jobEnds += 1;
  }
  return writes;
}

function countOnce(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/** toModelEvent turns a recorded SDK-shaped event into the reconciler's HistoryEvent, as the adapter does. */
export function toModelEvent(event: SdkHistoryEvent): HistoryEvent {
  const timestamp = event.timestamp instanceof Date ? event.timestamp : new Date(event.timestamp);
  return toHistoryEvent({ ...event, timestamp } as Parameters<typeof toHistoryEvent>[0]);
}
