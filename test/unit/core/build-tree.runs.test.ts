/**
 * buildTree across execution runs and failures: visit numbering in loops, the visit to blame,
 * stop and time-out reasons, Distributed Map runs, and what a redrive reopens.
 */
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../../src/core/build-tree.js';
import * as scenario from './support/scenarios.js';

describe('Function: buildTree', () => {
  describe('across runs and failures', () => {
    it('numbers the visits of a loop per state name', () => {
      // Prepare
      const events = scenario.loop(5);

      // Act
      const visits = [...buildTree(events).nodes.values()].flatMap((n) => (n.kind === 'visit' ? [`${n.name}#${n.ordinal}`] : []));

      // Assess
      expect(visits).toEqual([
        ...[1, 2, 3, 4].flatMap((i) => [`CheckStatus#${i}`, `IsDone#${i}`, `WaitBeforeRetry#${i}`]),
        'CheckStatus#5',
        'IsDone#5',
        'Done#1',
      ]);
    });

    it('blames the failing inner visit when a Map or a Parallel fails the execution', () => {
      // Prepare
      const histories = [scenario.mapUncaught(), scenario.parallelUncaught(), scenario.failInIteration()];

      // Act
      const blamed = histories.map((events) => buildTree(events).runs[0]?.blamedVisitId);

      // Assess
      expect(blamed).toEqual(['v2.a1.i2.v10', 'v2.a1.b5.v5', 'v2.a1.i0.v7']);
    });

    it('blames nothing for a stop or a time-out, and keeps the stop reason', () => {
      // Prepare
      const histories = [scenario.stopDuringWait(), scenario.timedOut()];

      // Act
      const runs = histories.map((events) => buildTree(events).runs[0]);

      // Assess
      expect(runs.map((r) => [r?.status, r?.blamedVisitId, r?.error])).toEqual([
        ['ABORTED', null, 'Superseded'],
        ['TIMED_OUT', null, null],
      ]);
    });

    it('records the Map Run of a Distributed Map on its attempt', () => {
      // Prepare
      const events = scenario.distributedMap();

      // Act
      const map = buildTree(events).nodes.get('v2');

      // Assess
      expect(map?.kind === 'visit' ? map.containerAttempts.map((a) => [a.mapRunArn, a.closed]) : []).toEqual([
        [scenario.MAP_RUN_ARN, true],
      ]);
    });

    it('reopens the failed Map, only its failed and aborted iterations rerun after a redrive', () => {
      // Prepare
      const events = scenario.mapRedriven();

      // Act
      const tree = buildTree(events);

      // Assess
      const iterations = [...tree.nodes.values()].flatMap((n) => (n.kind === 'iteration' ? [`${n.index} ${shapeRuns(n.runs)}`] : []));
      expect(iterations).toEqual([
        '0 0:ABORTED 1:SUCCEEDED',
        '1 0:ABORTED 1:SUCCEEDED',
        '2 0:FAILED 1:SUCCEEDED',
        '3 0:ABORTED 1:SUCCEEDED',
      ]);
      expect(shapeRuns(tree.nodes.get('v2')?.runs ?? [])).toBe('0:FAILED 1:SUCCEEDED');
      expect(tree.runs.map((r) => r.status)).toEqual(['FAILED', 'SUCCEEDED']);
    });

    it('remembers what a redrive may reopen after a failed run, and forgets it once a run succeeds', () => {
      // Prepare
      const failed = scenario.mapUncaught();

      // Act
      const afterFailure = buildTree(failed).reopenable;
      const afterRedrive = buildTree(scenario.mapRedriven()).reopenable;

      // Assess
      expect([...afterFailure].sort()).toEqual(
        ['v2', 'v2.a1.i0', 'v2.a1.i0.v8', 'v2.a1.i1', 'v2.a1.i1.v9', 'v2.a1.i2', 'v2.a1.i2.v10', 'v2.a1.i3', 'v2.a1.i3.v11'].sort(),
      );
      expect(afterRedrive.size).toBe(0);
    });
  });
});

function shapeRuns(runs: ReadonlyArray<{ run: number; status: string }>): string {
  return runs.map((r) => `${r.run}:${r.status}`).join(' ');
}
