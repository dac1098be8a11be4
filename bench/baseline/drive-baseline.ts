/**
 * The baseline: the same executions mirrored the way a pipeline would with the `ovirt_job`
 * Ansible module — one module run per change, at the same sync points and with the same
 * changes as the engine minimum (so both sides write the same; the difference is how they find
 * what they wrote). One `ovirt_auth` login per execution.
 */
import type { SfnRecording } from '../../src/local/sfn-stub/index.js';
import type { DesiredStep } from '../../src/model/desired.js';
import type { MappingConfig } from '../../src/model/mapping.js';
import type { MinimumChange } from '../measure/minimum.js';
import { minimumChanges } from '../measure/minimum.js';
import type { BaselineApi } from './baseline-api.js';
import type { ModuleParams } from './ovirt-job-module.js';
import { runOvirtJobModule } from './ovirt-job-module.js';

/** BaselineExecution is one execution with the history each of its syncs saw. */
export interface BaselineExecution {
  readonly recording: SfnRecording;
  readonly syncPoints: readonly number[];
}

/** CALLS_PER_CHANGE is what one module run costs for each kind of change (see ovirt-job-module). */
const CALLS_PER_CHANGE: Readonly<Record<MinimumChange['kind'], number>> = { createJob: 2, createStep: 3, endStep: 3, endJob: 2 };

/** baselineCallCount is the number of HTTP calls the baseline makes, worked out without running it. */
export function baselineCallCount(executions: readonly BaselineExecution[], mapping: MappingConfig): number {
  let calls = 0;
  for (const { recording, syncPoints } of executions) {
    calls += 1;
    for (const change of minimumChanges(recording, syncPoints, mapping)) calls += CALLS_PER_CHANGE[change.kind];
  }
  return calls;
}

/** driveBaseline runs the module for every change of every execution, one execution after another. */
export async function driveBaseline(api: BaselineApi, executions: readonly BaselineExecution[], mapping: MappingConfig): Promise<void> {
  for (const { recording, syncPoints } of executions) {
    await api.login();
    const seen: Seen = { jobs: new Map(), steps: new Map() };
    for (const change of minimumChanges(recording, syncPoints, mapping)) {
      if (change.kind === 'createStep') seen.steps.set(change.step.key, change.step);
      if (change.kind === 'createJob') seen.jobs.set(change.job.key, jobName(change.job.description));
      await runOvirtJobModule(api, moduleParams(change, seen));
    }
  }
}

/** Seen: job names by key and steps by key, since changes name their parents by key only. */
interface Seen {
  readonly jobs: Map<string, string>;
  readonly steps: Map<string, DesiredStep>;
}

function moduleParams(change: MinimumChange, seen: Seen): ModuleParams {
  switch (change.kind) {
    case 'createJob':
      return { description: jobName(change.job.description), state: 'present' };
    case 'endJob':
      return { description: jobName(change.job.description), state: change.job.end === 'finished' ? 'finished' : 'failed' };
    case 'createStep':
    case 'endStep': {
      const state = change.kind === 'createStep' ? 'present' : 'finished';
      const job = seen.jobs.get(change.step.jobKey) ?? change.step.jobKey;
      return { description: job, state: 'present', steps: [{ description: flatName(change.step, seen.steps), state }] };
    }
  }
}

/** Baseline jobs are marked so they never match the product's jobs in the same engine. */
const jobName = (description: string): string => `[ovirt_job] ${description}`;

/** flatName is the step's description prefixed with its ancestors', unique within the flat job. */
function flatName(step: DesiredStep, steps: ReadonlyMap<string, DesiredStep>): string {
  const names = [step.description];
  for (let parent = step.parentKey; parent !== null; parent = steps.get(parent)?.parentKey ?? null) {
    names.unshift(steps.get(parent)?.description ?? parent);
  }
  return names.join(' › ');
}
