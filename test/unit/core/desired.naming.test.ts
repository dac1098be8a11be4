/**
 * desiredState: how jobs and steps are named (templates, redrive marks, Correlation-Ids, visit
 * numbers, step types, cut names), which state types are mirrored, and the words used when
 * Step Functions reports none.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { History } from './support/history.js';
import { desired, rows } from './support/desired-of.js';
import * as scenario from './support/scenarios.js';

describe('Function: desiredState', () => {
  describe('job naming', () => {
    it.each([
      ['{stateMachine} › {execution}', 0, 'release › r-1'],
      ['{stateMachine} › {execution}', 2, 'release › r-1 (redrive 2)'],
      ['Pipeline {execution} #{redrive}', 1, 'Pipeline r-1 #1'],
      ['   ', 0, 'release › r-1'],
    ])('fills %j for run %i as %j', (template, run, expected) => {
      // Prepare
      const h = new History();
      h.start();
      for (let r = 1; r <= run; r += 1) h.add('ExecutionRedriven', h.add('ExecutionFailed', 0), { redriveCount: r });

      // Act
      const jobs = desired(h.events, { jobDescriptionTemplate: template }).jobs;

      // Assess
      expect(jobs.at(-1)?.description).toBe(expected);
    });

    it('cuts long job descriptions but keeps the redrive mark', () => {
      // Prepare
      const h = new History();
      h.add('ExecutionRedriven', h.add('ExecutionFailed', h.start()), { redriveCount: 1 });

      // Act
      const jobs = desired(h.events, { descriptionMaxLength: 30 }, { executionName: 'x'.repeat(80) }).jobs;

      // Assess
      expect(jobs.map((j) => j.description)).toEqual([`release › ${'x'.repeat(19)}…`, `release › ${'x'.repeat(7)}… (redrive 1)`]);
    });

    it('gives each run its own Correlation-Id of at most 36 characters of [A-Za-z0-9_-], and passes autoCleared', () => {
      // Prepare
      const events = scenario.redriveFresh();

      // Act
      const jobs = desired(events, { autoCleared: false }).jobs;

      // Assess
      expect(jobs.every((j) => /^[A-Za-z0-9_-]{1,36}$/.test(j.correlationId))).toBe(true);
      expect(new Set(jobs.map((j) => j.correlationId)).size).toBe(2);
      expect(jobs.map((j) => j.autoCleared)).toEqual([false, false]);
    });
  });

  describe('steps of state visits', () => {
    it('tells repeated visits apart and picks step types by the first matching rule', () => {
      // Prepare
      const rules = [
        { pattern: '^Check', type: 'validating' as const },
        { pattern: 'Status$', type: 'finalizing' as const },
        { pattern: '(', type: 'finalizing' as const },
      ];

      // Act
      const steps = desired(scenario.loop(3), { stepTypeRules: rules }).steps;

      // Assess
      expect(steps.map((s) => `${s.description}:${s.type}`)).toEqual([
        'CheckStatus:validating',
        'IsDone:executing',
        'WaitBeforeRetry:executing',
        'CheckStatus (visit 2):validating',
        'IsDone (visit 2):executing',
        'WaitBeforeRetry (visit 2):executing',
        'CheckStatus (visit 3):validating',
        'IsDone (visit 3):executing',
        'Done:executing',
      ]);
    });

    it('keeps the visit number and tags the cut when a long state name is cut', () => {
      // Prepare
      const h = new History();
      h.start();
      const name = 'A'.repeat(80);
      h.succeed(h.simple(h.simple(0, 'Pass', name), 'Pass', name));

      // Act
      const steps = desired(h.events, { descriptionMaxLength: 40 }).steps;

      // Assess
      const tag = `…#${createHash('sha256').update(name).digest('hex').slice(0, 4)}`;
      expect(steps.map((s) => s.description)).toEqual([`${'A'.repeat(34)}${tag}`, `${'A'.repeat(24)}${tag} (visit 2)`, 'Done']);
    });

    it('leaves out unmirrored state types and everything inside an unmirrored Map', () => {
      // Prepare
      const events = scenario.mapRetry();

      // Act
      const state = desired(events, { mirroredStateTypes: new Set(['Task', 'Succeed']) });

      // Assess
      expect(rows(state)).toEqual(['step#0#v46 < - | Done | finished']);
    });

    it('shows a failure on the nearest mirrored ancestor, or on the job, when the blamed visit is not mirrored', () => {
      // Prepare
      const inMap = scenario.failInIteration();
      const topLevel = (() => {
        const h = new History();
        h.start();
        h.add('ExecutionFailed', h.add('FailStateEntered', 0, { name: 'Stop' }), { error: 'Stopped', cause: 'by design' });
        return h.events;
      })();

      // Act
      const mapRows = rows(desired(inMap, { mirroredStateTypes: new Set(['Map', 'Choice']) }));
      const topRows = rows(desired(topLevel, { mirroredStateTypes: new Set(['Task']) }));

      // Assess
      expect(mapRows).toEqual([
        'step#0#v2 < - | Validate | open',
        'step#0#v2.a1.i0 < step#0#v2 | Iteration 0 | open',
        'step#0#v2.a1.i0.v5 < step#0#v2.a1.i0 | IsValid | finished',
        'step#0#v2.a1.i0.x < step#0#v2.a1.i0 | InvalidItem: Item 0 is not valid | open',
      ]);
      expect(topRows).toEqual(['step#0#end < - | Failed: Stopped: by design | open']);
    });

    it('strips control characters and collapses whitespace in error texts', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('TaskStateEntered', 0, { name: 'Deploy' });
      h.add('ExecutionFailed', h.add('TaskFailed', entered, { error: 'Bad\u0007Thing', cause: 'line one\n\tline  two\u0000' }));

      // Act
      const notes = desired(h.events).steps.filter((s) => s.key.endsWith('.x'));

      // Assess
      expect(notes.map((s) => s.description)).toEqual(['Bad Thing: line one line two']);
    });
  });

  describe('when Step Functions reports no words', () => {
    it('names a state without a name by its type and says plainly what failed', () => {
      // Prepare
      const h = new History();
      h.start();
      const marker = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Check' }));
      const fail = h.add('FailStateEntered', h.add('MapIterationStarted', marker, { name: 'Check', index: 0 }), { name: 'Stop' });
      h.add('MapIterationFailed', fail, { name: 'Check', index: 0 });
      const exit = h.add('MapStateExited', h.add('MapStateFailed', fail), { name: 'Check' });
      const unnamed = h.add('TaskStateEntered', exit);
      h.add('TaskFailed', h.add('TaskScheduled', unnamed));
      const retried = h.add('TaskScheduled', unnamed + 2);
      h.add('ExecutionFailed', h.add('FailStateEntered', h.add('TaskStateExited', retried), { name: 'Give up' }));

      // Act
      const state = desired(h.events);

      // Assess
      expect(rows(state)).toEqual([
        'step#0#v2 < - | Check | finished',
        'step#0#v2.a1.i0 < step#0#v2 | Iteration 0 | open',
        'step#0#v2.a1.i0.v5 < step#0#v2.a1.i0 | Stop | open',
        'step#0#v2.c < step#0#v2 | Caught error | finished',
        'step#0#v9 < - | Task state | finished',
        'step#0#v9.t1 < step#0#v9 | Attempt 1 failed | finished',
        'step#0#v14 < - | Give up | open',
        'step#0#v14.x < step#0#v14 | Failed | open',
      ]);
    });

    it('says only Failed on the job when a failure has neither words nor a visit to blame', () => {
      // Prepare
      const h = new History();
      h.add('ExecutionFailed', h.start());

      // Act
      const state = desired(h.events);

      // Assess
      expect(rows(state)).toEqual(['step#0#end < - | Failed | open']);
    });
  });
});
