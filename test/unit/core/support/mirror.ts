/**
 * Mirror: an in-memory stand-in for oVirt and the tracking rows, with the engine semantics the
 * planner relies on (docs/ovirt-engine-behaviour.md#job-end-cascade, #failing-a-step-fails-the-job): created objects start `started`, ending a step sets it,
 * ending a job sets the job and closes every still-started step of it with the job's status.
 * It throws on what the planner must never do (steps under unknown parents, ends before creates).
 */
import type { Action } from '../../../../src/model/action.js';
import type { TrackingRecord } from '../../../../src/model/tracking.js';

/** MirroredObject is one job or step as the engine would show it. */
export interface MirroredObject {
  readonly kind: 'job' | 'step';
  readonly key: string;
  readonly jobKey: string;
  readonly parentKey: string | null;
  readonly description: string;
  status: 'started' | 'finished' | 'failed';
}

/** Mirror keeps objects and tracking rows in step, as src/apply would. */
export class Mirror {
  readonly objects = new Map<string, MirroredObject>();
  readonly recorded = new Map<string, TrackingRecord>();

  /** apply runs actions in order. */
  apply(actions: readonly Action[]): void {
    for (const action of actions) this.applyOne(action);
  }

  private record(key: string, state: TrackingRecord['state']): void {
    this.recorded.set(key, { executionArn: 'arn:test', key, state });
  }

  private applyOne(action: Action): void {
    const existing = this.objects.get(action.key);
    switch (action.kind) {
      case 'createJob':
        if (existing !== undefined) throw new Error(`job ${action.key} created twice`);
        this.objects.set(action.key, { kind: 'job', key: action.key, jobKey: action.key, parentKey: null, description: action.description, status: 'started' });
        return this.record(action.key, 'CREATED');
      case 'createStep':
        if (existing !== undefined) throw new Error(`step ${action.key} created twice`);
        if (!this.objects.has(action.jobKey)) throw new Error(`step ${action.key} created before its job`);
        if (action.parentKey !== null && !this.objects.has(action.parentKey)) throw new Error(`step ${action.key} created before its parent`);
        this.objects.set(action.key, { kind: 'step', key: action.key, jobKey: action.jobKey, parentKey: action.parentKey, description: action.description, status: 'started' });
        return this.record(action.key, 'CREATED');
      case 'endStep':
        if (existing === undefined) throw new Error(`step ${action.key} ended before it was created`);
        if (this.objects.get(action.jobKey)?.status !== 'started') throw new Error(`step ${action.key} ended after its job`);
        existing.status = 'finished';
        return this.record(action.key, 'ENDED');
      case 'endJob':
        if (existing === undefined) throw new Error(`job ${action.key} ended before it was created`);
        existing.status = action.succeeded ? 'finished' : 'failed';
        for (const object of this.objects.values()) {
          if (object.jobKey === action.key && object.status === 'started') object.status = existing.status;
        }
        return this.record(action.key, 'ENDED');
    }
  }

  /** outcome lists the objects by key, for comparing end states. */
  outcome(): MirroredObject[] {
    return [...this.objects.values()].map((o) => ({ ...o })).sort((a, b) => a.key.localeCompare(b.key));
  }
}
