/**
 * buildTree on synthetic histories for shapes the shared fixtures do not cover: loops, retries,
 * caught failures, Map and Parallel retries and failures, stops, time-outs, Distributed Map,
 * redrives, MaxConcurrency chaining and unknown event types.
 */
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../../src/core/build-tree.js';
import type { HistoryEvent } from '../../../src/model/execution.js';
import * as scenario from './support/scenarios.js';
import type { TreeShape } from './support/tree-shape.js';
import { container, shapeOf, visit } from './support/tree-shape.js';

const aborted = { runs: '0:ABORTED' };

const EXPECTED: ReadonlyArray<[string, () => HistoryEvent[], TreeShape]> = [
  [
    'a retry that succeeds',
    scenario.retrySucceeds,
    { runs: ['0:SUCCEEDED'], visits: [visit('Deploy', 'Task', 2, 9, { attempts: 2, failures: ['1:Throttled+'] }), visit('Done', 'Succeed', 10, 11)] },
  ],
  [
    'a caught failure',
    scenario.caughtFailure,
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('Deploy', 'Task', 2, 6, { runs: '0:CAUGHT', failures: ['1:DeployFailed'] }),
        visit('HandleError', 'Pass', 7, 8),
        visit('Done', 'Succeed', 9, 10),
      ],
    },
  ],
  [
    'a Map retry (MapStateStarted twice, indexes reused)',
    scenario.mapRetry,
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('Prepare', 'Pass', 2, 3),
        visit('Fanout', 'Map', 4, 45, {
          attempts: 2,
          failures: ['1:WorkFailed+'],
          containers: [
            container('iteration 0', [visit('Work', 'Task', 9, null, aborted)], aborted),
            container('iteration 1', [visit('Work', 'Task', 10, null, { runs: '0:FAILED', failures: ['1:WorkFailed'] })], {
              runs: '0:FAILED',
            }),
            container('iteration 2', [visit('Work', 'Task', 11, null, aborted)], aborted),
            container('iteration 0', [visit('Work', 'Task', 26, 30)], { attempt: 2 }),
            container('iteration 1', [visit('Work', 'Task', 32, 36)], { attempt: 2 }),
            container('iteration 2', [visit('Work', 'Task', 38, 42)], { attempt: 2 }),
          ],
        }),
        visit('Done', 'Succeed', 46, 47),
      ],
    },
  ],
  [
    "a Map iteration failure with aborted siblings, caught by the Map's Catch",
    scenario.mapCaught,
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('Fanout', 'Map', 2, 20, {
          attempts: 1,
          runs: '0:CAUGHT',
          failures: ['1:WorkFailed'],
          containers: [
            container('iteration 0', [visit('Work', 'Task', 7, null, aborted)], aborted),
            container('iteration 1', [visit('Work', 'Task', 8, null, { runs: '0:FAILED', failures: ['1:WorkFailed'] })], {
              runs: '0:FAILED',
            }),
            container('iteration 2', [visit('Work', 'Task', 9, null, aborted)], aborted),
          ],
        }),
        visit('Recover', 'Pass', 21, 22),
        visit('Done', 'Succeed', 23, 24),
      ],
    },
  ],
  [
    'a Parallel retry',
    scenario.parallelRetry,
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('Checks', 'Parallel', 2, 26, {
          attempts: 2,
          failures: ['1:ScanFailed+'],
          containers: [
            container('branch Lint', [visit('Lint', 'Task', 4, 8)]),
            container('branch Scan', [visit('Scan', 'Task', 9, null, { runs: '0:FAILED', failures: ['1:ScanFailed'] })], {
              runs: '0:FAILED',
            }),
            container('branch Lint', [visit('Lint', 'Task', 15, 19)], { attempt: 2 }),
            container('branch Scan', [visit('Scan', 'Task', 20, 24)], { attempt: 2 }),
          ],
        }),
        visit('Done', 'Succeed', 27, 28),
      ],
    },
  ],
  [
    'an uncaught failure inside a Parallel branch',
    scenario.parallelUncaught,
    {
      runs: ['0:FAILED'],
      visits: [
        visit('Checks', 'Parallel', 2, null, {
          attempts: 1,
          runs: '0:FAILED',
          failures: ['1:ScanFailed'],
          containers: [
            container('branch Lint', [visit('Lint', 'Task', 4, null, aborted)], aborted),
            container('branch Scan', [visit('Scan', 'Task', 5, null, { runs: '0:FAILED', failures: ['1:ScanFailed'] })], {
              runs: '0:FAILED',
            }),
          ],
        }),
      ],
    },
  ],
  [
    'StopExecution during a Wait (only ExecutionAborted, pointing at 0)',
    scenario.stopDuringWait,
    { runs: ['0:ABORTED'], visits: [visit('Prepare', 'Pass', 2, 3), visit('WaitForApproval', 'Wait', 4, null, aborted)] },
  ],
  [
    'ExecutionTimedOut while a Task runs',
    scenario.timedOut,
    { runs: ['0:TIMED_OUT'], visits: [visit('LongBuild', 'Task', 2, null, { runs: '0:TIMED_OUT' })] },
  ],
  [
    'a Distributed Map (MapRunStarted/Succeeded)',
    scenario.distributedMap,
    { runs: ['0:SUCCEEDED'], visits: [visit('ProcessFiles', 'Map', 2, 7, { attempts: 1 }), visit('Done', 'Succeed', 8, 9)] },
  ],
  [
    'a redrive with a fresh TaskStateEntered',
    scenario.redriveFresh,
    {
      runs: ['0:FAILED', '1:SUCCEEDED'],
      visits: [
        visit('Prepare', 'Pass', 2, 3),
        visit('Deploy', 'Task', 4, null, { runs: '0:FAILED', failures: ['1:Locked'] }),
        visit('Deploy', 'Task', 10, 14, { runs: '1:SUCCEEDED' }),
        visit('Done', 'Succeed', 15, 16, { runs: '1:SUCCEEDED' }),
      ],
    },
  ],
  [
    'MaxConcurrency 1 (each iteration starts from the previous one)',
    scenario.sequentialMap,
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('OneByOne', 'Map', 2, 17, {
          attempts: 1,
          containers: [
            container('iteration 0', [visit('Item', 'Pass', 5, 6)]),
            container('iteration 1', [visit('Item', 'Pass', 9, 10)]),
            container('iteration 2', [visit('Item', 'Pass', 13, 14)]),
          ],
        }),
        visit('Done', 'Succeed', 18, 19),
      ],
    },
  ],
  [
    'unknown event types (kept in their thread, otherwise ignored)',
    scenario.unknownEvents,
    { runs: ['0:SUCCEEDED'], visits: [visit('Build', 'Task', 2, 7), visit('Done', 'Succeed', 9, 10)] },
  ],
  [
    'a Fail state inside an iteration',
    scenario.failInIteration,
    {
      runs: ['0:FAILED'],
      visits: [
        visit('Validate', 'Map', 2, null, {
          attempts: 1,
          runs: '0:FAILED',
          failures: ['1:'],
          containers: [
            container('iteration 0', [visit('IsValid', 'Choice', 5, 6), visit('Invalid', 'Fail', 7, null, { runs: '0:FAILED' })], {
              runs: '0:FAILED',
            }),
          ],
        }),
      ],
    },
  ],
  [
    'a Parallel inside each Map iteration',
    scenario.parallelInMap,
    {
      runs: ['0:SUCCEEDED'],
      visits: [
        visit('Regions', 'Map', 2, 37, {
          attempts: 1,
          containers: [0, 16].map((shift, index) =>
            container(`iteration ${index}`, [
              visit('Checks', 'Parallel', 5 + shift, 18 + shift, {
                attempts: 1,
                containers: [
                  container('branch Smoke', [visit('Smoke', 'Task', 7 + shift, 11 + shift)]),
                  container('branch Load', [visit('Load', 'Task', 12 + shift, 16 + shift)]),
                ],
              }),
            ]),
          ),
        }),
        visit('Done', 'Succeed', 38, 39),
      ],
    },
  ],
];

describe('Function: buildTree', () => {
  describe('on synthetic histories', () => {
    it.each(EXPECTED)('builds the expected tree for %s', (_name, history, expected) => {
      // Prepare
      const events = history();

      // Act
      const tree = buildTree(events);

      // Assess
      expect(shapeOf(tree)).toEqual(expected);
    });
  });
});
