/**
 * The expected-tree comparison behind --exit-when-done must be strict: every difference in
 * descriptions, nesting, statuses or counts fails it; sibling order alone does not. The
 * verdict attributes jobs to scenarios by description, redrive jobs included.
 */
import { describe, expect, it } from 'vitest';
import { compareTrees } from '../../../src/local/stack/compare-trees.js';
import { job, step } from '../../../src/local/stack/tree-model.js';
import type { ExpectedJob } from '../../../src/local/stack/tree-model.js';
import { allMatch, judgeScenarios, OTHER_JOBS } from '../../../src/local/stack/verdict.js';

const expected: ExpectedJob[] = [
  job('sm › run', 'finished', [
    step('Validate', 'finished'),
    step('Map', 'finished', [step('Iteration 0', 'finished', [step('Deploy', 'finished')]), step('Iteration 1', 'finished', [step('Deploy', 'finished')])]),
  ]),
];

/** changed returns a deep copy of `expected` changed by `edit`. */
function changed(edit: (jobs: { description: string; status: string; steps: unknown[] }[]) => void): ExpectedJob[] {
  const copy = structuredClone(expected) as unknown as { description: string; status: string; steps: unknown[] }[];
  edit(copy);
  return copy as unknown as ExpectedJob[];
}

type Mutable = { description: string; status: string; steps: Mutable[] };
const map = (jobs: unknown[]): Mutable => ((jobs[0] as Mutable).steps[1] as Mutable);

describe('compareTrees', () => {
  it('finds no difference between equal trees, whatever the sibling order', () => {
    // Prepare
    const reordered = changed((jobs) => void map(jobs).steps.reverse());
    // Act
    const differences = compareTrees(expected, reordered);
    // Assess
    expect(differences).toEqual([]);
  });

  it.each([
    ['a status', (jobs: Mutable[]) => void ((map(jobs).steps[0] as Mutable).steps[0]!.status = 'failed'), 'job "sm › run", step "Map" › "Iteration 0" › "Deploy": status expected finished, found failed'],
    ['a job status', (jobs: Mutable[]) => void (jobs[0]!.status = 'started'), 'job "sm › run": status expected finished, found started'],
    ['a description', (jobs: Mutable[]) => void (jobs[0]!.steps[0]!.description = 'Validate (visit 2)'), 'job "sm › run", step "Validate": missing (expected finished)'],
    ['a missing step', (jobs: Mutable[]) => void map(jobs).steps.pop(), 'job "sm › run", step "Map" › "Iteration 1": missing (expected finished)'],
    ['an extra step', (jobs: Mutable[]) => void jobs[0]!.steps.push({ description: 'Extra', status: 'started', steps: [] }), 'job "sm › run", step "Extra": unexpected step (started)'],
    ['a duplicate step', (jobs: Mutable[]) => void jobs[0]!.steps.push({ description: 'Validate', status: 'finished', steps: [] }), 'job "sm › run", step "Validate": expected 1 step with this description, found 2'],
    ['a step at the wrong depth', (jobs: Mutable[]) => {
      const deploy = (map(jobs).steps[1] as Mutable).steps.pop();
      map(jobs).steps.push(deploy as Mutable);
    }, 'job "sm › run", step "Map" › "Iteration 1" › "Deploy": missing (expected finished)'],
    ['a missing job', (jobs: Mutable[]) => void jobs.pop(), 'job "sm › run": missing (expected finished)'],
    ['an extra job', (jobs: Mutable[]) => void jobs.push({ description: 'sm › run (redrive 1)', status: 'started', steps: [] }), 'job "sm › run (redrive 1)": unexpected job (started)'],
  ])('reports %s', (_what, edit, difference) => {
    // Prepare
    const actual = changed(edit as (jobs: unknown[]) => void);
    // Act
    const differences = compareTrees(expected, actual);
    // Assess
    expect(differences).toContain(difference);
  });
});

describe('judgeScenarios', () => {
  const redrive = { name: 'redrive', expected: [job('sm › r', 'failed'), job('sm › r (redrive 1)', 'finished')] };
  const simple = { name: 'simple', expected: [job('sm › r2', 'finished')] };

  it('attributes the redrive job to its scenario and a similar name to the other one', () => {
    // Prepare
    const observed = [job('sm › r', 'failed'), job('sm › r (redrive 1)', 'finished'), job('sm › r2', 'finished')];
    // Act
    const verdicts = judgeScenarios([redrive, simple], observed, true);
    // Assess
    expect(verdicts).toEqual([{ name: 'redrive', differences: [] }, { name: 'simple', differences: [] }]);
    expect(allMatch(verdicts)).toBe(true);
  });

  it('fails on a job no scenario expects when the engine holds only the demo', () => {
    // Prepare
    const observed = [job('sm › r2', 'finished'), job('other › job', 'started')];
    // Act
    const strict = judgeScenarios([simple], observed, true);
    const lenient = judgeScenarios([simple], observed, false);
    // Assess
    expect(strict).toContainEqual({ name: OTHER_JOBS, differences: ['job "other › job": unexpected job (started)'] });
    expect(allMatch(strict)).toBe(false);
    expect(allMatch(lenient)).toBe(true);
  });

  it('attributes the job of every run of a scenario of several runs (an Express pipeline) to it', () => {
    // Prepare
    const uploads = { name: 'uploads', expected: [job('thumbs › photo-1', 'finished'), job('thumbs › photo-2', 'failed')] };
    const observed = [job('thumbs › photo-1', 'finished'), job('thumbs › photo-2', 'failed')];
    // Act
    const verdicts = judgeScenarios([uploads, simple], [...observed, job('sm › r2', 'finished')], true);
    // Assess
    expect(verdicts).toEqual([{ name: 'uploads', differences: [] }, { name: 'simple', differences: [] }]);
  });

  it('fails a scenario whose redrive job is missing', () => {
    // Prepare
    const observed = [job('sm › r', 'failed')];
    // Act
    const verdicts = judgeScenarios([redrive], observed, true);
    // Assess
    expect(verdicts[0]?.differences).toEqual(['job "sm › r (redrive 1)": missing (expected finished)']);
  });
});
