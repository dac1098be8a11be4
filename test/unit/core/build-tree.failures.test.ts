/**
 * buildTree when failures must be traced (the failing visit searched for, the visit to blame),
 * on Distributed Map runs, aborted Map/Parallel attempts and redrives.
 */
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../../src/core/build-tree.js';
import { failure, History } from './support/history.js';
import * as scenario from './support/scenarios.js';
import { shapeOf, statusesOf, visit } from './support/tree-shape.js';

describe('Function: buildTree', () => {
  describe('when the failing visit must be searched for', () => {
    it('finds the failing branch visit when ParallelStateFailed points elsewhere', () => {
      // Prepare
      const h = new History();
      h.start();
      const started = h.add('ParallelStateStarted', h.add('ParallelStateEntered', 0, { name: 'Checks' }));
      h.attempts(h.add('TaskStateEntered', started, { name: 'Scan' }), [failure('ScanFailed')]);
      h.add('ExecutionFailed', h.add('ParallelStateFailed', started));

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(statusesOf(tree)).toEqual({ v2: 'FAILED', 'v2.a1.b4': 'FAILED', 'v2.a1.b4.v4': 'FAILED' });
      expect(tree.runs[0]?.blamedVisitId).toBe('v2.a1.b4.v4');
    });

    it('closes the branches of a failed Parallel whose failing visit is unknown by what they were doing', () => {
      // Prepare
      const h = new History();
      h.start();
      const started = h.add('ParallelStateStarted', h.add('ParallelStateEntered', 0, { name: 'Checks' }));
      h.task(started, 'Done');
      h.add('TaskStateEntered', started, { name: 'Busy' });
      h.add('ParallelStateExited', h.add('ParallelStateFailed', started, { error: 'States.Runtime' }), { name: 'Checks' });

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(statusesOf(tree)).toEqual({
        v2: 'CAUGHT',
        'v2.a1.b4': 'SUCCEEDED',
        'v2.a1.b4.v4': 'SUCCEEDED',
        'v2.a1.b9': 'ABORTED',
        'v2.a1.b9.v9': 'ABORTED',
      });
    });

    it('finds the failing visit of an iteration when MapIterationFailed points elsewhere, or none at all', () => {
      // Prepare
      const h = new History();
      h.start();
      const marker = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Fanout' }));
      const first = h.add('MapIterationStarted', marker, { name: 'Fanout', index: 0 });
      const second = h.add('MapIterationStarted', marker, { name: 'Fanout', index: 1 });
      h.attempts(h.add('TaskStateEntered', first, { name: 'Work' }), [failure('Broken')]);
      h.add('TaskStateEntered', second, { name: 'Work' });
      h.add('MapIterationFailed', second, { name: 'Fanout', index: 1 });
      h.add('MapIterationFailed', first, { name: 'Fanout', index: 0 });
      h.add('MapStateExited', h.add('MapStateFailed', marker), { name: 'Fanout' });

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(statusesOf(tree)).toMatchObject({ 'v2.a1.i0.v6': 'FAILED', 'v2.a1.i1.v10': 'ABORTED', v2: 'CAUGHT' });
      expect(shapeOf(tree).visits[0]?.failures).toEqual(['1:Broken']);
    });

    it('blames the newest open failing visit when ExecutionFailed points at nothing', () => {
      // Prepare
      const h = new History();
      h.start();
      const started = h.add('ParallelStateStarted', h.add('ParallelStateEntered', 0, { name: 'Both' }));
      const first = h.add('TaskStateEntered', started, { name: 'Deploy' });
      const second = h.add('TaskStateEntered', started, { name: 'Verify' });
      h.attempts(first, [failure('Locked')]);
      h.attempts(second, [failure('Unverified')]);
      h.add('ExecutionFailed', 0, { error: 'Locked' });

      // Act
      const run = buildTree(h.events).runs[0];

      // Assess
      expect(run?.blamedVisitId).toBe('v2.a1.b5.v5');
    });

    it('finds the Map to close from deep inside a nested Map', () => {
      // Prepare
      const h = new History();
      h.start();
      const outer = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Outer' }));
      const outerIteration = h.add('MapIterationStarted', outer, { name: 'Outer', index: 0 });
      const inner = h.add('MapStateStarted', h.add('MapStateEntered', outerIteration, { name: 'Inner' }));
      const innerIteration = h.add('MapIterationStarted', inner, { name: 'Inner', index: 0 });
      const deepest = h.simple(innerIteration, 'Pass', 'Item');
      h.add('MapIterationSucceeded', deepest, { name: 'Inner', index: 0 });
      h.add('MapStateExited', deepest, { name: 'Outer' });

      // Act
      const statuses = statusesOf(buildTree(h.events));

      // Assess
      expect(statuses).toEqual({
        v2: 'SUCCEEDED',
        'v2.a1.i0': 'SUCCEEDED',
        'v2.a1.i0.v5': 'SUCCEEDED',
        'v2.a1.i0.v5.a1.i0': 'SUCCEEDED',
        'v2.a1.i0.v5.a1.i0.v8': 'SUCCEEDED',
      });
    });

    it('reopens the newest matching visit after a redrive when nothing was blamed', () => {
      // Prepare
      const h = new History();
      h.start();
      const started = h.add('ParallelStateStarted', h.add('ParallelStateEntered', 0, { name: 'Both' }));
      h.add('TaskScheduled', h.add('TaskStateEntered', started, { name: 'Deploy' }));
      h.add('TaskScheduled', h.add('TaskStateEntered', started, { name: 'Verify' }));
      const redriven = h.add('ExecutionRedriven', h.add('ExecutionAborted', 0), { redriveCount: 1 });
      h.add('TaskScheduled', redriven);

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(statusesOf(tree, 1)).toEqual({
        v2: 'RUNNING',
        'v2.a1.b4': undefined,
        'v2.a1.b4.v4': undefined,
        'v2.a1.b6': 'RUNNING',
        'v2.a1.b6.v6': 'RUNNING',
      });
      expect(shapeOf(tree).visits[0]?.containers.map((c) => c.visits[0]?.attempts)).toEqual([1, 2]);
    });

    it('puts a state entered after a finished iteration into the Map thread, not into the closed iteration', () => {
      // Prepare
      const h = new History();
      h.start();
      const marker = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Fanout' }));
      const started = h.add('MapIterationStarted', marker, { name: 'Fanout', index: 0 });
      const exit = h.simple(started, 'Pass', 'Item');
      h.add('MapIterationSucceeded', exit, { name: 'Fanout', index: 0 });
      h.add('PassStateEntered', exit, { name: 'Stray' });

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(tree.nodes.get('v8')).toMatchObject({ name: 'Stray', parentId: null, status: 'RUNNING' });
    });

    it('ignores an ExecutionRedriven that repeats the current run', () => {
      // Prepare
      const h = new History();
      for (const e of scenario.redriveFresh().slice(0, 9)) h.add(e.type, e.previousEventId, e.details);
      h.add('ExecutionRedriven', 9, { redriveCount: 1 });

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(tree.runs.map((r) => [r.run, r.startedEventId])).toEqual([
        [0, 1],
        [1, 9],
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

    it('does not count the failure of the previous run when a reopened visit exits at once', () => {
      // Prepare
      const h = new History();
      for (const e of scenario.redriveFresh().slice(0, 8)) h.add(e.type, e.previousEventId, e.details);
      h.add('TaskStateExited', h.add('ExecutionRedriven', 8, { redriveCount: 1 }), { name: 'Deploy' });

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(shapeOf(tree).visits[1]).toMatchObject({ name: 'Deploy', runs: '0:FAILED 1:SUCCEEDED', exited: 10 });
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

    it('lets MapStateFailed complete the failure MapRunFailed recorded, and ignores a repeated iteration end', () => {
      // Prepare
      const h = new History();
      h.start();
      const started = h.add('MapStateStarted', h.add('MapStateEntered', 0, { name: 'Files' }));
      const iteration = h.add('MapIterationStarted', started, { name: 'Files', index: 0 });
      const done = h.add('MapIterationSucceeded', h.simple(iteration, 'Pass', 'One'), { name: 'Files', index: 0 });
      h.add('MapIterationSucceeded', done, { name: 'Files', index: 0 });
      const runFailed = h.add('MapRunFailed', done, { error: 'States.ItemReaderFailed' });
      h.add('MapStateExited', h.add('MapStateFailed', runFailed, { error: 'States.ItemReaderFailed', cause: 'no such key' }), {
        name: 'Files',
      });

      // Act
      const tree = buildTree(h.events);

      // Assess
      expect(tree.nodes.get('v2')).toMatchObject({ failures: [{ attempt: 1, error: 'States.ItemReaderFailed', cause: 'no such key' }] });
      const map = tree.nodes.get('v2');
      expect(map?.kind === 'visit' ? map.containerAttempts[0]?.counts : undefined).toEqual({
        running: 0,
        succeeded: 1,
        failed: 0,
        aborted: 0,
      });
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
