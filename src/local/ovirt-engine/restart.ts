/**
 * Engine restart (docs/ovirt-engine-behaviour.md#engine-restart, `UpdateStartedExecutionEntitiesToUnknown`): every started job becomes
 * `unknown` with end_time and last_updated set to the restart time, and every started step
 * becomes `unknown` with the same end_time. (The engine spares jobs with steps tied to host
 * tasks; the simulator has none.)
 */
import type { EngineStore } from './store.js';

/** markStartedUnknown applies restart semantics at `now` and returns how many rows changed. */
export function markStartedUnknown(store: EngineStore, now: number): number {
  let changed = 0;
  for (const job of store.jobs()) {
    if (job.status !== 'started') continue;
    job.status = 'unknown';
    job.endTime = now;
    job.lastUpdated = now;
    changed += 1;
  }
  for (const step of store.allSteps()) {
    if (step.status !== 'started') continue;
    step.status = 'unknown';
    step.endTime = now;
    changed += 1;
  }
  if (changed > 0) store.changed();
  return changed;
}
