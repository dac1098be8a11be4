/**
 * buildTree on the less common shapes: legacy Lambda and Activity tasks, JSONata evaluation
 * failures, histories read from the middle or out of order, lookups that miss, Distributed Map
 * failures and redrives, Parallel redrives, aborted Map/Parallel attempts.
 */
import { describe, expect, it } from 'vitest';
import { buildTree, checkpointOf } from '../../../src/core/build-tree.js';
import { failure, History } from './support/history.js';
import * as scenario from './support/scenarios.js';
import { shapeOf, statusesOf, visit } from './support/tree-shape.js';

describe('Function: buildTree', () => {
  describe('on uncommon task events', () => {
    it('counts a legacy Lambda schedule failure as an attempt, retried by the next schedule', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('TaskStateEntered', 0, { name: 'Legacy' });
      const failed = h.add('LambdaFunctionScheduleFailed', entered, { error: 'Lambda.ServiceException', cause: 'busy' });
      const started = h.add('LambdaFunctionStarted', h.add('LambdaFunctionScheduled', failed));
      h.add('TaskStateExited', h.add('LambdaFunctionSucceeded', started), { name: 'Legacy' });

      // Act
      const shape = shapeOf(buildTree(h.events));

      // Assess
      expect(shape.visits).toEqual([visit('Legacy', 'Task', 2, 7, { attempts: 2, failures: ['1:Lambda.ServiceException+'] })]);
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

  describe('on Distributed Map, aborted attempts and redrives', () => {
    it('keeps the error of MapRunFailed when MapStateFailed carries none', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('MapStateEntered', 0, { name: 'ProcessFiles' });
      const run = h.add('MapRunStarted', h.add('MapStateStarted', entered), { mapRunArn: scenario.MAP_RUN_ARN });
      const failed = h.add('MapRunFailed', run, { error: 'States.ExceedToleratedFailureThreshold', cause: '12% failed' });
      h.add('MapStateExited', h.add('MapStateFailed', failed), { name: 'ProcessFiles' });

      // Act
      const shape = shapeOf(buildTree(h.events));

      // Assess
      expect(shape.visits).toEqual([
        visit('ProcessFiles', 'Map', 2, 7, { attempts: 1, runs: '0:CAUGHT', failures: ['1:States.ExceedToleratedFailureThreshold'] }),
      ]);
    });

    it('reopens a Distributed Map on MapRunRedriven', () => {
      // Prepare
      const h = new History();
      h.start();
      const entered = h.add('MapStateEntered', 0, { name: 'ProcessFiles' });
      const run = h.add('MapRunStarted', h.add('MapStateStarted', entered), { mapRunArn: scenario.MAP_RUN_ARN });
      const mapFailed = h.add('MapStateFailed', h.add('MapRunFailed', run, { error: 'Boom' }));
      const redriven = h.add('ExecutionRedriven', h.add('ExecutionFailed', mapFailed, { error: 'Boom' }));
      const again = h.add('MapRunRedriven', redriven, { mapRunArn: scenario.MAP_RUN_ARN, redriveCount: 1 });
      const done = h.add('MapRunSucceeded', again);
      h.add('MapStateSucceeded', done);
      h.succeed(h.add('MapStateExited', done, { name: 'ProcessFiles' }));

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(shapeOf(tree).visits[0]).toMatchObject({ runs: '0:FAILED 1:SUCCEEDED', exited: 12 });
      expect(tree.runs.map((r) => r.run)).toEqual([0, 1]);
      const map = tree.nodes.get('v2');
      expect(map?.kind === 'visit' ? map.containerAttempts[0]?.finalCounts.map((c) => c.run) : []).toEqual([0, 1]);
    });

    it.each([
      ['the old ParallelStateStarted', 3],
      ['ExecutionRedriven', 13],
    ])('reopens the failed branch when a redriven branch state points at %s', (_name, pointer) => {
      // Prepare
      const h = new History();
      for (const e of scenario.parallelUncaught()) h.add(e.type, e.previousEventId, e.details);
      const redriven = h.add('ExecutionRedriven', 12, { redriveCount: 1 });
      const scan = h.task(pointer === 3 ? 3 : redriven, 'Scan');
      h.add('ParallelStateSucceeded', scan);
      h.succeed(h.add('ParallelStateExited', scan, { name: 'Checks' }));

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(statusesOf(tree, 1)).toMatchObject({ v2: 'SUCCEEDED', 'v2.a1.b5': 'SUCCEEDED', 'v2.a1.b5.v14': 'SUCCEEDED' });
      expect(statusesOf(tree, 0)).toMatchObject({ 'v2.a1.b5': 'FAILED', 'v2.a1.b4': 'ABORTED' });
    });

    it('aborts the running iterations and branches of an aborted Map or Parallel attempt', () => {
      // Prepare
      const h = new History();
      h.start();
      const map = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Fanout' }));
      h.add('PassStateEntered', h.add('MapIterationStarted', map, { name: 'Fanout', index: 0 }), { name: 'Item' });
      const parallel = h.add('ParallelStateStarted', h.add('ParallelStateEntered', 0, { name: 'Checks' }));
      h.add('TaskStateEntered', parallel, { name: 'Lint' });
      h.add('MapStateAborted', map);
      h.add('ParallelStateAborted', parallel);
      h.add('ExecutionAborted', 0);

      // Act
      const statuses = statusesOf(buildTree(h.events));

      // Assess
      expect(statuses).toEqual({
        v2: 'ABORTED',
        'v2.a1.i0': 'ABORTED',
        'v2.a1.i0.v5': 'ABORTED',
        v6: 'ABORTED',
        'v6.a1.b8': 'ABORTED',
        'v6.a1.b8.v8': 'ABORTED',
      });
    });

    it('numbers a redrive without redriveCount after the last run', () => {
      // Prepare
      const h = new History();
      for (const e of scenario.redriveFresh().slice(0, 8)) h.add(e.type, e.previousEventId, e.details);
      h.add('ExecutionRedriven', 8);

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(tree.runs.map((r) => [r.run, r.status])).toEqual([
        [0, 'FAILED'],
        [1, 'RUNNING'],
      ]);
    });

    it('prefers the error of MapStateFailed over the inner failure when it has one', () => {
      // Prepare
      const h = new History();
      h.start();
      const marker = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Fanout' }));
      const entered = h.add('TaskStateEntered', h.add('MapIterationStarted', marker, { name: 'Fanout', index: 0 }), { name: 'Work' });
      const failed = h.attempts(entered, [failure('Inner')]);
      h.add('MapIterationFailed', failed, { name: 'Fanout', index: 0 });
      h.add('MapStateExited', h.add('MapStateFailed', failed, { error: 'Outer', cause: 'map' }), { name: 'Fanout' });

      // Act
      const map = shapeOf(buildTree(h.events)).visits[0];

      // Assess
      expect(map?.failures).toEqual(['1:Outer']);
    });
  });
});

function loopEvents() {
  return scenario.loop(4);
}
