/**
 * buildTree on the shared history fixtures: each must give exactly the tree the fixtures
 * README describes (entered/exited event ids, attempts, statuses, iterations, branches, runs).
 */
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../../src/core/build-tree.js';
import type { FixtureName } from '../../helpers/fixtures.js';
import { loadHistory } from '../../helpers/fixtures.js';
import type { TreeShape } from './support/tree-shape.js';
import { container, shapeOf, visit } from './support/tree-shape.js';

const failedThrice = ['1:IntegrationTestFailure+', '2:IntegrationTestFailure+', '3:IntegrationTestFailure'];

const EXPECTED: ReadonlyArray<[FixtureName, TreeShape]> = [
  [
    'a',
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('PrepareBuild', 'Pass', 2, 3),
        visit('RunBuild', 'Task', 4, 9),
        visit('DeployService', 'Task', 10, 14),
        visit('Done', 'Succeed', 15, 16),
      ],
    },
  ],
  [
    'b',
    {
      runs: ['0:FAILED'],
      visits: [
        visit('SelectSuite', 'Pass', 2, 3),
        visit('RunIntegrationTests', 'Task', 4, 14, { attempts: 3, runs: '0:CAUGHT', failures: failedThrice }),
        visit('MarkFailed', 'Fail', 15, null, { runs: '0:FAILED' }),
      ],
    },
  ],
  [
    'c',
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('ResolveRegions', 'Pass', 2, 3),
        visit('DeployToRegions', 'Map', 4, 34, {
          attempts: 1,
          containers: [
            container('iteration 0', [visit('DeployRegion', 'Task', 9, 24), visit('RecordRegionResult', 'Pass', 25, 26)]),
            container('iteration 1', [visit('DeployRegion', 'Task', 10, 29), visit('RecordRegionResult', 'Pass', 30, 31)]),
            container('iteration 2', [visit('DeployRegion', 'Task', 11, 19), visit('RecordRegionResult', 'Pass', 20, 21)]),
          ],
        }),
        visit('AllRegionsDeployed', 'Succeed', 35, 36),
      ],
    },
  ],
  [
    'd',
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('RunQualityGates', 'Parallel', 2, 22, {
          attempts: 1,
          containers: [
            container('branch UnitTests', [visit('UnitTests', 'Task', 4, 14)]),
            container('branch StartSecurityScan', [
              visit('StartSecurityScan', 'Task', 5, 11),
              visit('WaitForScanResults', 'Wait', 12, 15),
              visit('FetchScanReport', 'Task', 16, 20),
            ]),
          ],
        }),
        visit('EvaluateGates', 'Choice', 23, 24),
        visit('GatesPassed', 'Succeed', 25, 26),
      ],
    },
  ],
  [
    'e',
    {
      runs: ['0:FAILED', '1:SUCCEEDED'],
      visits: [
        visit('PrepareRelease', 'Pass', 2, 3),
        visit('BuildArtifacts', 'Task', 4, 8),
        visit('DeployStaging', 'Task', 9, 18, {
          attempts: 2,
          runs: '0:FAILED 1:SUCCEEDED',
          failures: ['1:StagingEnvironmentLocked'],
        }),
        visit('NotifyTeam', 'Task', 19, 23, { runs: '1:SUCCEEDED' }),
      ],
    },
  ],
];

describe('Function: buildTree', () => {
  describe('on the shared fixtures', () => {
    it.each(EXPECTED)('builds the expected tree for history %s', (name, expected) => {
      // Prepare
      const events = loadHistory(name);

      // Act
      const tree = buildTree(events);

      // Assess
      expect(shapeOf(tree)).toEqual(expected);
      expect(tree.cursor).toBe(events.at(-1)?.id);
    });

    it('blames the Fail state for the failure of history b', () => {
      // Prepare
      const events = loadHistory('b');

      // Act
      const run = buildTree(events).runs[0];

      // Assess
      expect(run).toMatchObject({
        status: 'FAILED',
        error: 'IntegrationTestsFailed',
        cause: 'Integration test suite still failing after 2 retries',
        blamedVisitId: 'v15',
        endedEventId: 16,
      });
    });

    it('records run 1 of history e from ExecutionRedriven and blames DeployStaging for run 0', () => {
      // Prepare
      const events = loadHistory('e');

      // Act
      const tree = buildTree(events);

      // Assess
      expect(tree.runs.map((r) => [r.run, r.startedEventId, r.endedEventId, r.blamedVisitId])).toEqual([
        [0, 1, 13, 'v9'],
        [1, 14, 24, null],
      ]);
      expect(tree.reopenable.size).toBe(0);
    });

    it('keeps entered and exited timestamps and the Map length of history c', () => {
      // Prepare
      const events = loadHistory('c');

      // Act
      const map = buildTree(events).nodes.get('v4');

      // Assess
      expect(map).toMatchObject({
        enteredAt: Date.parse('2025-03-14T09:31:00.169Z'),
        exitedAt: Date.parse('2025-03-14T09:31:52.061Z'),
      });
      expect(map?.kind === 'visit' ? map.containerAttempts.map((a) => [a.length, a.maxIndex, a.counts]) : []).toEqual([
        [3, 2, { running: 0, succeeded: 3, failed: 0, aborted: 0 }],
      ]);
    });

  });
});
