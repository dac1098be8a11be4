/**
 * desiredState: Map and Parallel steps (summaries past the iteration cap, branch names, Map
 * runs), run outcomes on job-level steps, uniqueness of keys and sibling descriptions for every
 * synthetic history, and the lists of I/O the reconciler must do first.
 */
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../../src/core/build-tree.js';
import { mapRunsToDescribe, parallelStatesNeedingDefinition } from '../../../src/core/desired.js';
import type { MapRunSummary } from '../../../src/model/execution.js';
import type { MappingConfig } from '../../../src/model/mapping.js';
import { wideMap } from './support/big-histories.js';
import { desired, rows } from './support/desired-of.js';
import { History } from './support/history.js';
import * as scenario from './support/scenarios.js';

describe('Function: desiredState', () => {
  describe('Map and Parallel steps', () => {
    it('summarises iterations past the cap in one step, with the final counts once the Map closed', () => {
      // Prepare
      const events = wideMap(8, 3, 5);

      // Act
      const running = rows(desired(events.slice(0, 20), { maxMapIterations: 3 })).filter((r) => r.includes('.s'));
      const closed = rows(desired(events, { maxMapIterations: 3 })).filter((r) => r.includes('.s'));

      // Assess
      expect(running).toEqual(['step#0#v4.a1.s < step#0#v4 | Iterations 3–7 (summarised) | open']);
      expect(closed).toEqual([
        'step#0#v4.a1.s < step#0#v4 | Iterations 3–7 (summarised) | finished',
        'step#0#v4.a1.s.n < step#0#v4.a1.s | All 8 iterations: 8 succeeded, 0 failed, 0 aborted | finished',
      ]);
    });

    it('does not summarise while no iteration reached the cap', () => {
      // Prepare
      const events = wideMap(8, 3, 5).slice(0, 12);

      // Act
      const summaries = rows(desired(events, { maxMapIterations: 3 })).filter((r) => r.includes('.s'));

      // Assess
      expect(summaries).toEqual([]);
    });

    it('names the summary of a Map of unknown length and leaves failed summaries to the job end', () => {
      // Prepare
      const h = new History();
      h.start();
      const marker = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Fanout' }));
      h.add('MapIterationStarted', marker, { name: 'Fanout', index: 0 });
      h.add('MapIterationAborted', h.add('MapIterationStarted', marker, { name: 'Fanout', index: 1 }), { name: 'Fanout', index: 1 });
      h.add('ExecutionAborted', 0);

      // Act
      const summaries = rows(desired(h.events, { maxMapIterations: 1 })).filter((r) => r.includes('.s'));

      // Assess
      expect(summaries).toEqual([
        'step#0#v2.a1.s < step#0#v2 | Iterations 1 and later (summarised) | open',
        'step#0#v2.a1.s.n < step#0#v2.a1.s | All 2 iterations: 0 succeeded, 0 failed, 2 aborted | open',
      ]);
    });

    it('names branches by first state when the definition is unknown, numbering repeats', () => {
      // Prepare
      const h = new History();
      h.start();
      const started = h.add('ParallelStateStarted', h.add('ParallelStateEntered', 0, { name: 'Twice' }));
      h.task(started, 'Work');
      const last = h.task(started, 'Work');
      h.add('ParallelStateSucceeded', last);
      h.succeed(h.add('ParallelStateExited', last, { name: 'Twice' }));

      // Act
      const unknown = desired(h.events).steps.filter((s) => s.key.includes('.b') && !s.key.includes('.v', 4));
      const known = desired(h.events, {}, { parallelBranches: new Map([['Twice', ['Work', 'Work']]]) }).steps;

      // Assess
      const stale = desired(h.events, {}, { parallelBranches: new Map([['Twice', ['Other']]]) }).steps;
      expect(unknown.map((s) => s.description)).toEqual(['Branch: Work', 'Branch: Work (2)']);
      expect(stale.filter((s) => s.description.startsWith('Branch')).map((s) => s.description)).toEqual([
        'Branch: Work',
        'Branch: Work (2)',
      ]);
      expect(known.filter((s) => s.description.startsWith('Branch')).map((s) => s.description)).toEqual([
        'Branch 1: Work',
        'Branch 2: Work',
      ]);
    });

    it('adds the Map run summary of a Distributed Map once described', () => {
      // Prepare
      const events = scenario.distributedMap();
      const summary: MapRunSummary = {
        mapRunArn: scenario.MAP_RUN_ARN,
        status: 'FAILED',
        itemCounts: { total: 500, succeeded: 480, failed: 12, timedOut: 3, aborted: 5 },
        executionCounts: {},
      };

      // Act
      const without = rows(desired(events));
      const withRun = rows(desired(events, {}, { mapRuns: new Map([[scenario.MAP_RUN_ARN, summary]]) }));

      // Assess
      expect(without.some((r) => r.includes('Map run'))).toBe(false);
      expect(withRun).toContain(
        'step#0#v2.a1.m < step#0#v2 | Map run: 500 items — 480 succeeded, 12 failed, 3 timed out, 5 aborted | open',
      );
    });
  });

  describe('run outcomes', () => {
    it.each([
      ['a stop', scenario.stopDuringWait, 'step#0#end < - | Aborted: Superseded: A newer release started | open'],
      ['a time-out', scenario.timedOut, 'step#0#end < - | Timed out | open'],
    ])('shows %s on a job-level step and fails the job', (_name, history, expected) => {
      // Prepare
      const events = history();

      // Act
      const state = desired(events);

      // Assess
      expect(rows(state).at(-1)).toBe(expected);
      expect(state.jobs.map((j) => j.end)).toEqual(['failed']);
    });

    it('shows a failure with nothing to blame as a job-level step', () => {
      // Prepare
      const h = new History();
      h.start();
      h.add('ExecutionFailed', h.simple(0, 'Pass', 'Prepare'), { error: 'States.Runtime', cause: 'history limit reached' });

      // Act
      const state = desired(h.events);

      // Assess
      expect(rows(state)).toEqual([
        'step#0#v2 < - | Prepare | finished',
        'step#0#end < - | Failed: States.Runtime: history limit reached | open',
      ]);
    });

    it('leaves a running execution and its running visit open', () => {
      // Prepare
      const events = scenario.retrySucceeds().slice(0, 6);

      // Act
      const state = desired(events);

      // Assess
      expect(state.jobs.map((j) => j.end)).toEqual([null]);
      expect(rows(state)).toEqual([
        'step#0#v2 < - | Deploy | open',
        'step#0#v2.t1 < step#0#v2 | Attempt 1 failed — Throttled: Rate exceeded | finished',
      ]);
    });
  });

  describe('for every history', () => {
    const histories = Object.entries(scenario).flatMap(([name, make]) =>
      typeof make === 'function' ? [[name, make()] as const] : [],
    );

    it.each(histories)('gives %s unique keys and unique sibling descriptions', (_name, events) => {
      // Prepare
      const mappings: Array<Partial<MappingConfig>> = [{}, { maxMapIterations: 1 }, { descriptionMaxLength: 20 }];

      // Act
      const states = mappings.map((m) => desired(events, m, { mapRuns: new Map() }));

      // Assess
      for (const state of states) {
        const keys = [...state.jobs, ...state.steps].map((o) => o.key);
        expect(new Set(keys).size).toBe(keys.length);
        const siblings = state.steps.map((s) => `${s.jobKey}|${s.parentKey ?? ''}|${s.description}`);
        expect(new Set(siblings).size).toBe(siblings.length);
        expect(state.steps.every((s) => s.description.length <= 200 && s.description.trim() !== '')).toBe(true);
      }
    });
  });
});

describe('Function: parallelStatesNeedingDefinition', () => {
  it('lists each Parallel state present once', () => {
    // Prepare
    const tree = buildTree(scenario.parallelInMap());

    // Act
    const names = parallelStatesNeedingDefinition(tree);

    // Assess
    expect(names).toEqual(['Checks']);
  });
});

describe('Function: mapRunsToDescribe', () => {
  it('lists Map runs only once their attempt has closed', () => {
    // Prepare
    const events = scenario.distributedMap();

    // Act
    const running = mapRunsToDescribe(buildTree(events.slice(0, 4)));
    const closed = mapRunsToDescribe(buildTree(events));
    const inline = mapRunsToDescribe(buildTree(scenario.mapRetry()));

    // Assess
    expect(running).toEqual([]);
    expect(closed).toEqual([scenario.MAP_RUN_ARN]);
    expect(inline).toEqual([]);
  });
});
