/**
 * plan: table-driven cases for each row state, the engine-minimum rule (no individual step
 * ends when the same plan ends the job finished), and seeded properties: applying a plan
 * converges (planning again gives nothing), and the order never breaks the engine's rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/core/plan.js';
import type { Action } from '../../../src/model/action.js';
import type { DesiredJob, DesiredState, DesiredStep } from '../../../src/model/desired.js';
import type { TrackingRecord, TrackingState } from '../../../src/model/tracking.js';

function job(run: number, end: DesiredJob['end'] = null): DesiredJob {
  return { key: `job#${run}`, run, description: `pipeline › run (${run})`, correlationId: `opj-${run}`, autoCleared: true, end };
}

function step(run: number, path: string, parent: string | null, end: DesiredStep['end'] = null): DesiredStep {
  return {
    key: `step#${run}#${path}`,
    jobKey: `job#${run}`,
    parentKey: parent === null ? null : `step#${run}#${parent}`,
    description: path,
    type: 'executing',
    end,
  };
}

function rows(states: Record<string, TrackingState>): Map<string, TrackingRecord> {
  return new Map(Object.entries(states).map(([key, state]) => [key, { executionArn: 'arn:test', key, state }]));
}

const brief = (actions: readonly Action[]): string[] =>
  actions.map((a) => (a.kind === 'endJob' ? `endJob ${a.key} ${a.succeeded ? 'finished' : 'failed'}` : `${a.kind} ${a.key}`));

const tree = (run: number, ends: { v1?: 'finished'; v2?: 'finished'; sub?: 'finished' } = {}): DesiredStep[] => [
  step(run, 'v1', null, ends.v1 ?? null),
  step(run, 'v2', null, ends.v2 ?? null),
  step(run, 'v2.x', 'v2', ends.sub ?? null),
];

const CASES: ReadonlyArray<[string, DesiredState, Record<string, TrackingState>, string[]]> = [
  [
    'nothing recorded, job running: create parents first, end finished steps',
    { jobs: [job(0)], steps: tree(0, { v1: 'finished' }) },
    {},
    ['createJob job#0', 'createStep step#0#v1', 'createStep step#0#v2', 'createStep step#0#v2.x', 'endStep step#0#v1'],
  ],
  [
    'job ends finished in this plan: the job end finishes the steps',
    { jobs: [job(0, 'finished')], steps: tree(0, { v1: 'finished', v2: 'finished', sub: 'finished' }) },
    { 'job#0': 'CREATED', 'step#0#v1': 'CREATED', 'step#0#v2': 'CREATED' },
    ['createStep step#0#v2.x', 'endJob job#0 finished'],
  ],
  [
    'job ends failed: finished steps are ended first, one by one',
    { jobs: [job(0, 'failed')], steps: tree(0, { v1: 'finished' }) },
    { 'job#0': 'CREATED', 'step#0#v1': 'CREATED', 'step#0#v2': 'CREATED', 'step#0#v2.x': 'CREATED' },
    ['endStep step#0#v1', 'endJob job#0 failed'],
  ],
  [
    'converged',
    { jobs: [job(0, 'finished')], steps: tree(0, { v1: 'finished' }) },
    { 'job#0': 'ENDED', 'step#0#v1': 'CREATED', 'step#0#v2': 'CREATED', 'step#0#v2.x': 'CREATED' },
    [],
  ],
  [
    'job cleaned up by oVirt (GONE): never recreated, nothing for its steps',
    { jobs: [job(0, 'failed'), job(1)], steps: [...tree(0), ...tree(1)] },
    { 'job#0': 'GONE', 'job#1': 'CREATED', 'step#1#v1': 'CREATED', 'step#1#v2': 'CREATED', 'step#1#v2.x': 'CREATED' },
    [],
  ],
  [
    'step GONE: skipped together with its sub-steps',
    { jobs: [job(0)], steps: tree(0, { v2: 'finished', sub: 'finished' }) },
    { 'job#0': 'CREATED', 'step#0#v1': 'CREATED', 'step#0#v2': 'GONE' },
    [],
  ],
  [
    'PENDING rows are planned as creates (src/apply resolves takeovers)',
    { jobs: [job(0)], steps: [step(0, 'v1', null)] },
    { 'job#0': 'PENDING', 'step#0#v1': 'PENDING' },
    ['createJob job#0', 'createStep step#0#v1'],
  ],
  [
    'a new sub-step under an ended step is still created',
    { jobs: [job(0)], steps: tree(0, { v2: 'finished', sub: 'finished' }) },
    { 'job#0': 'CREATED', 'step#0#v1': 'CREATED', 'step#0#v2': 'ENDED' },
    ['createStep step#0#v2.x', 'endStep step#0#v2.x'],
  ],
  [
    'runs in order, each job ended after its own steps',
    { jobs: [job(0, 'failed'), job(1, 'finished')], steps: [step(0, 'v1', null, 'finished'), step(1, 'v1', null, 'finished')] },
    {},
    [
      'createJob job#0',
      'createStep step#0#v1',
      'endStep step#0#v1',
      'endJob job#0 failed',
      'createJob job#1',
      'createStep step#1#v1',
      'endJob job#1 finished',
    ],
  ],
];

describe('Function: plan', () => {
  it.each(CASES)('%s', (_name, desired, recorded, expected) => {
    // Prepare
    const rowsNow = rows(recorded);

    // Act
    const actions = plan(desired, rowsNow);

    // Assess
    expect(brief(actions)).toEqual(expected);
  });

  it('copies what oVirt needs into the create actions', () => {
    // Prepare
    const desired: DesiredState = { jobs: [job(0)], steps: [{ ...step(0, 'v1', null), type: 'validating' }] };

    // Act
    const actions = plan(desired, new Map());

    // Assess
    expect(actions).toEqual([
      { kind: 'createJob', key: 'job#0', description: 'pipeline › run (0)', correlationId: 'opj-0', autoCleared: true },
      { kind: 'createStep', key: 'step#0#v1', jobKey: 'job#0', parentKey: null, description: 'v1', type: 'validating' },
    ]);
  });
});

const STATES: ReadonlyArray<TrackingState | undefined> = [undefined, 'PENDING', 'CREATED', 'ENDED', 'GONE'];

/** A random desired state: up to 3 jobs, each with a forest of up to 12 steps listed parents first. */
const desiredArbitrary = fc
  .array(
    fc.record({
      end: fc.constantFrom<DesiredJob['end']>('finished', 'failed', null),
      steps: fc.array(fc.record({ parent: fc.option(fc.nat(), { nil: undefined }), finished: fc.boolean() }), { maxLength: 12 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map(
    (jobs): DesiredState => ({
      jobs: jobs.map((j, run) => job(run, j.end)),
      steps: jobs.flatMap((j, run) =>
        j.steps.map((s, i) => {
          const parent = s.parent === undefined || i === 0 ? null : `s${s.parent % i}`;
          return step(run, `s${i}`, parent, s.finished ? 'finished' : null);
        }),
      ),
    }),
  );

const worldArbitrary = desiredArbitrary.chain((desired) => {
  const keys = [...desired.jobs, ...desired.steps].map((o) => o.key);
  return fc
    .array(fc.constantFrom(...STATES), { minLength: keys.length, maxLength: keys.length })
    .map((states) => ({ desired, recorded: new Map(keys.flatMap((key, i) => (states[i] ? [[key, states[i]] as const] : []))) }));
});

function applyToRows(recorded: ReadonlyMap<string, TrackingState>, actions: readonly Action[]): Map<string, TrackingState> {
  const next = new Map(recorded);
  for (const action of actions) next.set(action.key, action.kind.startsWith('create') ? 'CREATED' : 'ENDED');
  return next;
}

const asRows = (states: ReadonlyMap<string, TrackingState>) => rows(Object.fromEntries(states));

/** orderViolations lists every engine or planner rule an action list breaks. */
function orderViolations(desired: DesiredState, recorded: ReadonlyMap<string, TrackingState>, actions: readonly Action[]): string[] {
  const problems: string[] = [];
  const created = new Set<string>();
  const jobEnded = new Map<string, boolean>();
  const exists = (key: string) => created.has(key) || recorded.get(key) === 'CREATED' || recorded.get(key) === 'ENDED';
  const parentOf = new Map(desired.steps.map((s) => [s.key, s.parentKey]));
  for (const a of actions) {
    if (a.kind === 'createJob' || a.kind === 'createStep') {
      if (created.has(a.key)) problems.push(`two creates for ${a.key}`);
      if (a.kind === 'createStep' && !exists(a.jobKey)) problems.push(`${a.key} created before its job`);
      const parent = parentOf.get(a.key);
      if (a.kind === 'createStep' && parent != null && !exists(parent)) problems.push(`${a.key} created before its parent`);
      created.add(a.key);
    } else if (a.kind === 'endStep') {
      if (!created.has(a.key) && recorded.get(a.key) !== 'CREATED') problems.push(`${a.key} ended before it was created`);
      if (jobEnded.has(a.jobKey)) problems.push(`${a.key} ended after its job`);
    } else {
      if (!exists(a.key)) problems.push(`${a.key} ended before it was created`);
      jobEnded.set(a.key, a.succeeded);
    }
  }
  for (const a of actions) {
    if (a.kind === 'endStep' && jobEnded.get(a.jobKey) === true) problems.push(`${a.key} ended though its job ends finished`);
  }
  return problems;
}

describe('Property: plan', () => {
  it('converges: after applying a plan, planning again gives nothing', () => {
    // Prepare
    const property = fc.property(worldArbitrary, ({ desired, recorded }) => {
      const after = applyToRows(recorded, plan(desired, asRows(recorded)));
      return plan(desired, asRows(after)).length === 0;
    });

    // Act
    const run = () => fc.assert(property, { seed: 4242, numRuns: 300 });

    // Assess
    expect(run).not.toThrow();
  });

  it('never breaks the order rules (creates once, parents first, ends after creates, step ends before the job end)', () => {
    // Prepare
    const property = fc.property(worldArbitrary, ({ desired, recorded }) => {
      expect(orderViolations(desired, recorded, plan(desired, asRows(recorded)))).toEqual([]);
    });

    // Act
    const run = () => fc.assert(property, { seed: 777, numRuns: 300 });

    // Assess
    expect(run).not.toThrow();
  });

  it('plans nothing for a job whose row is GONE or ENDED', () => {
    // Prepare
    const property = fc.property(desiredArbitrary, fc.constantFrom<TrackingState>('GONE', 'ENDED'), (desired, state) => {
      const recorded = rows(Object.fromEntries(desired.jobs.map((j) => [j.key, state])));
      return plan(desired, recorded).length === 0;
    });

    // Act
    const run = () => fc.assert(property, { seed: 99, numRuns: 200 });

    // Assess
    expect(run).not.toThrow();
  });
});
