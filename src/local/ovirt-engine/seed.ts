/**
 * A few engine-internal jobs (external=false) such as a real engine's job list always has,
 * so clients learn to ignore them. They ended shortly before the simulator started and are
 * auto-cleared, like the engine's own jobs, so cleanup eventually removes them.
 */
import { newId } from './ids.js';
import type { StepType } from '../../model/ovirt.js';
import type { EngineStore } from './store.js';

const MINUTE = 60_000;

/** @internal */
interface InternalJobSpec {
  description: string;
  status: 'finished' | 'failed';
  startedAgo: number;
  tookMinutes: number;
  steps: ReadonlyArray<[string, StepType]>;
}

const INTERNAL_JOBS: readonly InternalJobSpec[] = [
  { description: "Adding Disk vm01_Disk1 to VM vm01", status: 'finished', startedAgo: 9, tookMinutes: 1,
    steps: [['Validating', 'validating'], ['Executing', 'executing']] },
  { description: "Migrating VM vm02 to Host host-2", status: 'failed', startedAgo: 6, tookMinutes: 2,
    steps: [['Validating', 'validating'], ['Executing', 'executing']] },
  { description: "Creating VM Snapshot nightly for VM vm03", status: 'finished', startedAgo: 3, tookMinutes: 1,
    steps: [['Validating', 'validating'], ['Executing', 'executing'], ['Finalizing', 'finalizing']] },
];

/** seedInternalJobs inserts the internal jobs, owned by `ownerId`, relative to `now`. */
export function seedInternalJobs(store: EngineStore, now: number, ownerId: string): void {
  for (const spec of INTERNAL_JOBS) {
    const jobId = newId();
    const startTime = now - spec.startedAgo * MINUTE;
    const endTime = startTime + spec.tookMinutes * MINUTE;
    const correlationId = newId();
    store.insertJob({
      id: jobId, description: spec.description, status: spec.status, autoCleared: true, external: false,
      startTime, endTime, lastUpdated: endTime, ownerId, correlationId,
    });
    spec.steps.forEach(([description, type], number) => {
      const last = number === spec.steps.length - 1;
      store.insertStep({
        id: newId(), jobId, description, type, number, external: false, correlationId,
        status: last ? spec.status : 'finished', startTime: startTime + number * 1000, endTime,
      });
    });
  }
}
