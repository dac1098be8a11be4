/**
 * plan's `jobsKnownToFinish` hint: a job whose run is known to succeed, while the history read
 * so far does not end it yet, has its finished steps left to the job-end cascade; other jobs
 * (an earlier failed run) still get their step ends.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/core/plan.js';
import type { Action } from '../../../src/model/action.js';
import type { DesiredJob, DesiredState, DesiredStep } from '../../../src/model/desired.js';
import type { TrackingRecord } from '../../../src/model/tracking.js';

const job = (run: number, end: DesiredJob['end']): DesiredJob => ({
  key: `job#${run}`,
  run,
  description: `pipeline (${run})`,
  correlationId: `opj-${run}`,
  autoCleared: true,
  end,
});
const step = (run: number, path: string, end: DesiredStep['end']): DesiredStep => ({
  key: `step#${run}#${path}`,
  jobKey: `job#${run}`,
  parentKey: null,
  description: path,
  type: 'executing',
  end,
});
const created = (keys: readonly string[]): Map<string, TrackingRecord> =>
  new Map(keys.map((key) => [key, { executionArn: 'arn:test', key, state: 'CREATED' as const }]));
const ends = (actions: readonly Action[]) => actions.filter((action) => action.kind === 'endStep').map((action) => action.key);

describe('plan with jobsKnownToFinish', () => {
  const desired: DesiredState = {
    jobs: [job(0, 'failed'), job(1, null)],
    steps: [step(0, 'a', 'finished'), step(1, 'a', 'finished'), step(1, 'b', null)],
  };
  const recorded = created(['job#0', 'job#1', 'step#0#a', 'step#1#a', 'step#1#b']);

  it('leaves the finished steps of a job known to finish to its later job end', () => {
    // Act
    const actions = plan(desired, recorded, { jobsKnownToFinish: new Set(['job#1']) });

    // Assess
    expect(ends(actions)).toEqual(['step#0#a']);
    expect(actions.filter((action) => action.kind === 'endJob').map((action) => action.key)).toEqual(['job#0']);
  });

  it('ends them one by one without the hint', () => {
    // Act
    const actions = plan(desired, recorded);

    // Assess
    expect(ends(actions)).toEqual(['step#0#a', 'step#1#a']);
  });
});
