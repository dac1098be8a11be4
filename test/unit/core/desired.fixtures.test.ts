/**
 * desiredState on the shared fixtures with the default mapping. These tables are the mapping
 * rules in action: one job per execution run, one step per state visit, nesting for Map
 * iterations and Parallel branches, failure notes, and which steps end individually.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../../src/core/build-tree.js';
import { desiredState, parseParallelBranches } from '../../../src/core/desired.js';
import type { DesiredJob, DesiredState } from '../../../src/model/desired.js';
import { DEFAULT_MAPPING } from '../../../src/model/mapping.js';
import type { FixtureName } from '../../helpers/fixtures.js';
import { FIXTURES, loadDefinition, loadHistory } from '../../helpers/fixtures.js';

/** cut applies the documented text rule: whitespace collapsed, at most 200 characters ending with '…'. */
function cut(text: string, max = 200): string {
  const points = [...text.replace(/\s+/g, ' ')];
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('')}…`;
}

/** causeOf is the message of the Lambda error object the fixture event carries as its cause (the rule shows that, not the JSON). */
function causeOf(name: FixtureName, id: number): string {
  const raw = loadHistory(name).find((e) => e.id === id)?.details?.cause ?? '';
  return (JSON.parse(raw) as { errorMessage: string }).errorMessage;
}

type Row = [key: string, parent: string | null, description: string, end: 'finished' | null];

function desiredOf(name: FixtureName): DesiredState {
  const fixture = FIXTURES[name];
  const ctx = { ...fixture, mapping: DEFAULT_MAPPING, parallelBranches: parseParallelBranches(loadDefinition(name)) };
  return desiredState(buildTree(loadHistory(name)), ctx);
}

const STEPS: ReadonlyArray<[FixtureName, () => Row[]]> = [
  [
    'a',
    () => [
      ['step#0#v2', null, 'PrepareBuild', 'finished'],
      ['step#0#v4', null, 'RunBuild', 'finished'],
      ['step#0#v10', null, 'DeployService', 'finished'],
      ['step#0#v15', null, 'Done', 'finished'],
    ],
  ],
  [
    'b',
    () => [
      ['step#0#v2', null, 'SelectSuite', 'finished'],
      ['step#0#v4', null, 'RunIntegrationTests', 'finished'],
      ['step#0#v4.t1', 'step#0#v4', cut(`Attempt 1 failed — IntegrationTestFailure: ${causeOf('b', 7)}`), 'finished'],
      ['step#0#v4.t2', 'step#0#v4', cut(`Attempt 2 failed — IntegrationTestFailure: ${causeOf('b', 10)}`), 'finished'],
      ['step#0#v4.c', 'step#0#v4', cut(`Caught IntegrationTestFailure: ${causeOf('b', 13)}`), 'finished'],
      ['step#0#v15', null, 'MarkFailed', null],
      ['step#0#v15.x', 'step#0#v15', 'IntegrationTestsFailed: Integration test suite still failing after 2 retries', null],
    ],
  ],
  [
    'c',
    () => [
      ['step#0#v2', null, 'ResolveRegions', 'finished'],
      ['step#0#v4', null, 'DeployToRegions', 'finished'],
      ['step#0#v4.a1.i0', 'step#0#v4', 'Iteration 0', 'finished'],
      ['step#0#v4.a1.i0.v9', 'step#0#v4.a1.i0', 'DeployRegion', 'finished'],
      ['step#0#v4.a1.i0.v25', 'step#0#v4.a1.i0', 'RecordRegionResult', 'finished'],
      ['step#0#v4.a1.i1', 'step#0#v4', 'Iteration 1', 'finished'],
      ['step#0#v4.a1.i1.v10', 'step#0#v4.a1.i1', 'DeployRegion', 'finished'],
      ['step#0#v4.a1.i1.v30', 'step#0#v4.a1.i1', 'RecordRegionResult', 'finished'],
      ['step#0#v4.a1.i2', 'step#0#v4', 'Iteration 2', 'finished'],
      ['step#0#v4.a1.i2.v11', 'step#0#v4.a1.i2', 'DeployRegion', 'finished'],
      ['step#0#v4.a1.i2.v20', 'step#0#v4.a1.i2', 'RecordRegionResult', 'finished'],
      ['step#0#v35', null, 'AllRegionsDeployed', 'finished'],
    ],
  ],
  [
    'd',
    () => [
      ['step#0#v2', null, 'RunQualityGates', 'finished'],
      ['step#0#v2.a1.b4', 'step#0#v2', 'Branch 1: UnitTests', 'finished'],
      ['step#0#v2.a1.b4.v4', 'step#0#v2.a1.b4', 'UnitTests', 'finished'],
      ['step#0#v2.a1.b5', 'step#0#v2', 'Branch 2: StartSecurityScan', 'finished'],
      ['step#0#v2.a1.b5.v5', 'step#0#v2.a1.b5', 'StartSecurityScan', 'finished'],
      ['step#0#v2.a1.b5.v12', 'step#0#v2.a1.b5', 'WaitForScanResults', 'finished'],
      ['step#0#v2.a1.b5.v16', 'step#0#v2.a1.b5', 'FetchScanReport', 'finished'],
      ['step#0#v23', null, 'EvaluateGates', 'finished'],
      ['step#0#v25', null, 'GatesPassed', 'finished'],
    ],
  ],
  [
    'e',
    () => [
      ['step#0#v2', null, 'PrepareRelease', 'finished'],
      ['step#0#v4', null, 'BuildArtifacts', 'finished'],
      ['step#0#v9', null, 'DeployStaging', null],
      ['step#0#v9.x', 'step#0#v9', cut(`StagingEnvironmentLocked: ${causeOf('e', 12)}`), null],
      ['step#1#v9', null, 'DeployStaging', 'finished'],
      ['step#1#v19', null, 'NotifyTeam', 'finished'],
    ],
  ],
];

const JOBS: ReadonlyArray<[FixtureName, Array<[key: string, description: string, end: DesiredJob['end']]>]> = [
  ['a', [['job#0', 'build-and-deploy › checkout-api-main-3f9d2ab', 'finished']]],
  ['b', [['job#0', 'integration-tests › it-checkout-api-3f9d2ab-0921', 'failed']]],
  ['c', [['job#0', 'deploy-regions › checkout-api-2025-03-14-3f9d2ab', 'finished']]],
  ['d', [['job#0', 'quality-gates › checkout-api-3f9d2ab-pr-1187', 'finished']]],
  [
    'e',
    [
      ['job#0', 'release-pipeline › release-2025-03-14-0142', 'failed'],
      ['job#1', 'release-pipeline › release-2025-03-14-0142 (redrive 1)', 'finished'],
    ],
  ],
];

describe('Function: desiredState', () => {
  describe('on the shared fixtures with the default mapping', () => {
    it.each(STEPS)('gives history %s exactly these steps', (name, rows) => {
      // Prepare
      const expected = rows();

      // Act
      const steps = desiredOf(name).steps;

      // Assess
      expect(steps.map((s): Row => [s.key, s.parentKey, s.description, s.end])).toEqual(expected);
      expect(new Set(steps.map((s) => s.type))).toEqual(new Set(['executing']));
      expect(steps.every((s) => s.jobKey === `job#${s.key.split('#')[1]}`)).toBe(true);
    });

    it.each(JOBS)('gives history %s one job per run', (name, expected) => {
      // Prepare
      const arn = FIXTURES[name].executionArn;

      // Act
      const jobs = desiredOf(name).jobs;

      // Assess
      expect(jobs.map((j) => [j.key, j.description, j.end])).toEqual(expected);
      expect(jobs.map((j) => j.correlationId)).toEqual(
        jobs.map((j) => `opj-${createHash('sha256').update(`${arn}#${j.run}`).digest('hex').slice(0, 32)}`),
      );
      expect(jobs.every((j) => j.autoCleared)).toBe(true);
    });
  });
});
