/**
 * buildTree on uncommon task events (legacy Lambda, Activity, JSONata evaluation failures) and
 * on partial or disordered input (read from the middle, out of order, re-read, lookups that miss).
 */
import { describe, expect, it } from 'vitest';
import { buildTree, checkpointOf } from '../../../src/core/build-tree.js';
import { History } from './support/history.js';
import * as scenario from './support/scenarios.js';
import { shapeOf, statusesOf, visit } from './support/tree-shape.js';

describe('Function: buildTree', () => {
  describe('on uncommon task events', () => {
    it('counts legacy Lambda schedule failures as attempts, retried by the next schedule', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('TaskStateEntered', 0, { name: 'Legacy' });
      const first = h.add('LambdaFunctionScheduleFailed', entered);
      const failed = h.add('LambdaFunctionScheduleFailed', first, { error: 'Lambda.ServiceException', cause: 'busy' });
      const started = h.add('LambdaFunctionStarted', h.add('LambdaFunctionScheduled', failed));
      h.add('TaskStateExited', h.add('LambdaFunctionSucceeded', started), { name: 'Legacy' });

      // Act
      const shape = shapeOf(buildTree(h.events));

      // Assess
      expect(shape.visits).toEqual([
        visit('Legacy', 'Task', 2, 8, { attempts: 3, failures: ['1:+', '2:Lambda.ServiceException+'] }),
      ]);
    });

    it('treats an Activity time-out followed by an exit as a caught failure', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('TaskStateEntered', 0, { name: 'Approve' });
      const started = h.add('ActivityStarted', h.add('ActivityScheduled', entered));
      h.add('TaskStateExited', h.add('ActivityTimedOut', started, { error: 'States.Timeout' }), { name: 'Approve' });

      // Act
      const shape = shapeOf(buildTree(h.events));

      // Assess
      expect(shape.visits).toEqual([visit('Approve', 'Task', 2, 6, { runs: '0:CAUGHT', failures: ['1:States.Timeout'] })]);
    });

    it('records a JSONata EvaluationFailed on its state', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('PassStateEntered', 0, { name: 'Shape' });
      const failed = h.add('EvaluationFailed', entered, { error: 'States.QueryEvaluationError', cause: 'bad path' });
      h.add('PassStateExited', failed, { name: 'Shape' });

      // Act
      const shape = shapeOf(buildTree(h.events));

      // Assess
      expect(shape.visits).toEqual([
        visit('Shape', 'Pass', 2, 4, { attempts: 1, runs: '0:CAUGHT', failures: ['1:States.QueryEvaluationError'] }),
      ]);
    });

    it('ignores task and exit events that belong to no open visit', () => {
      // Prepare
      const h = new History();
      h.start();
      h.add('TaskSucceeded', 1);
      h.add('PassStateExited', 2, { name: 'Nowhere' });
      h.add('EvaluationFailed', 3, { error: 'X' });
      h.add('MapIterationSucceeded', 4, { name: 'NoMap', index: 0 });
      h.add('MapStateSucceeded', 5);
      h.add('MapRunSucceeded', 6);
      h.add('MapIterationStarted', 7, { name: 'NoMap', index: 0 });
      h.add('ParallelStateStarted', 8);

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(tree.nodes.size).toBe(0);
      expect(tree.cursor).toBe(9);
    });
  });

  describe('on partial or disordered input', () => {
    it('starts run 0 even when the history is read from the middle', () => {
      // Prepare
      const events = scenario.retrySucceeds().slice(1);

      // Act
      const tree = buildTree(events);

      // Assess
      expect(tree.runs.map((r) => [r.run, r.status, r.startedEventId])).toEqual([[0, 'SUCCEEDED', 2]]);
    });

    it('sorts events given out of order', () => {
      // Prepare
      const events = scenario.mapRetry();

      // Act
      const shuffled = buildTree([...events].reverse());

      // Assess
      expect(shapeOf(shuffled)).toEqual(shapeOf(buildTree(events)));
    });

    it('skips events at or below the checkpoint cursor', () => {
      // Prepare
      const events = loopEvents();
      const first = buildTree(events.slice(0, 20));

      // Act
      const again = buildTree(events.slice(0, 20), checkpointOf(first));

      // Assess
      expect(again.cursor).toBe(20);
      expect([...again.nodes.keys()]).toEqual(checkpointOf(first).nodes.map((n) => n.id));
    });

    it('ignores a second terminal event of the same run', () => {
      // Prepare
      const events = scenario.redriveFresh().slice(0, 8);
      const h = new History();
      for (const e of events) h.add(e.type, e.previousEventId, e.details);
      h.add('ExecutionFailed', 0, { error: 'Other' });

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(tree.runs.map((r) => [r.status, r.error, r.endedEventId])).toEqual([['FAILED', 'Locked', 8]]);
      expect([...tree.reopenable]).toEqual(['v4']);
    });

    it('attaches a task event whose previous event is unknown to the open Task visit', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('TaskStateEntered', 0, { name: 'Build' });
      h.add('TaskScheduled', 999);
      h.add('TaskStateExited', h.add('TaskSucceeded', 888), { name: 'Build' });

      // Act
      const shape = shapeOf(buildTree(h.events));

      // Assess
      expect(entered).toBe(2);
      expect(shape.visits).toEqual([visit('Build', 'Task', 2, 5)]);
    });

    it('counts iterations of a Map whose MapStateStarted is missing as attempt 1', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('MapStateEntered', 0, { name: 'Fanout' });
      const started = h.add('MapIterationStarted', entered, { name: 'Fanout', index: 0 });
      const succeeded = h.add('MapIterationSucceeded', h.simple(started, 'Pass', 'Item'), { name: 'Fanout', index: 0 });
      h.add('MapStateExited', succeeded, { name: 'Fanout' });

      // Act
      const statuses = statusesOf(buildTree(h.events));

      // Assess
      expect(statuses).toEqual({ v2: 'SUCCEEDED', 'v2.a1.i0': 'SUCCEEDED', 'v2.a1.i0.v4': 'SUCCEEDED' });
    });

    it('takes iteration events without details as index 0 of the open Map', () => {
      // Prepare
      const h = new History();
      h.start();
      const marker = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Fanout' }));
      const started = h.add('MapIterationStarted', marker);
      h.add('MapIterationSucceeded', h.simple(started, 'Pass', 'Item'));

      // Act
      const statuses = statusesOf(buildTree(h.events));

      // Assess
      expect(statuses).toEqual({ v2: 'RUNNING', 'v2.a1.i0': 'SUCCEEDED', 'v2.a1.i0.v5': 'SUCCEEDED' });
    });

    it('numbers a state named like an object property like any other', () => {
      // Prepare
      const h = new History();
      h.start();
      h.succeed(h.simple(h.simple(0, 'Pass', '__proto__'), 'Pass', '__proto__'));

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect([...tree.nodes.values()].map((n) => (n.kind === 'visit' ? `${n.name}#${n.ordinal}` : n.id))).toEqual([
        '__proto__#1',
        '__proto__#2',
        'Done#1',
      ]);
    });
  });
});

function loopEvents() {
  return scenario.loop(4);
}
