/**
 * The demo's release pipeline, as two recorded executions of the `release-train` state
 * machine (RELEASE_TRAIN_DEFINITION), written with HistoryWriter so every previousEventId
 * follows the per-thread rules:
 *
 * - `release-2.4.0` succeeds: the us-east-1 iteration's deploy is throttled once and retried,
 *   the load tests fail and the failure is caught (RecordLoadTestWarning), production deploy.
 * - `release-2.4.1` fails in the production deploy, is redriven 35 minutes later (same ARN),
 *   and the redrive reruns only the failed deploy, then succeeds.
 */
import type { SfnRecording } from '../sfn-stub/index.js';
import { HistoryWriter } from './history-writer.js';
import type { Thread } from './history-writer.js';
import { RELEASE_TRAIN_DEFINITION } from './release-definition.js';
import { exit, inlineMap, LAMBDA_INVOKE, parallel, pass, SNS_PUBLISH, succeed, task, taskAttempt } from './visits.js';

const ACCOUNT_PREFIX = 'arn:aws:states:eu-west-1:482913557106';
const STATE_MACHINE = 'release-train';
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'] as const;
const THROTTLED = { error: 'Deployment.Throttled', cause: '{"errorMessage":"Rate exceeded for regional deployments, retry later"}' };

/** RELEASE_SUCCEEDED_NAME and RELEASE_REDRIVEN_NAME are the two executions' names. */
export const RELEASE_SUCCEEDED_NAME = 'release-2.4.0';
export const RELEASE_REDRIVEN_NAME = 'release-2.4.1';

function start(root: Thread, release: string): void {
  const input = JSON.stringify({ release, regions: REGIONS });
  root.emit('ExecutionStarted', { input, roleArn: 'arn:aws:iam::482913557106:role/release-train-role' }, { advance: false });
}

function deployRegions(root: Thread, retryIndex: number | null): void {
  inlineMap(
    root,
    'DeployToRegions',
    REGIONS.map((_, index) => (it: Thread) => {
      const deploySeconds = 80 + index * 15;
      const attempts = index === retryIndex ? [{ seconds: 12, ...THROTTLED }, { seconds: deploySeconds, afterSeconds: 15 }] : [{ seconds: deploySeconds }];
      task(it, 'DeployRegion', LAMBDA_INVOKE, attempts);
      task(it, 'SmokeTestRegion', LAMBDA_INVOKE, [{ seconds: 20 + index * 3 }]);
    }),
  );
}

function testSuites(root: Thread, loadTestsFail: boolean): void {
  parallel(root, 'RunTestSuites', [
    (branch) => void task(branch, 'ApiTests', LAMBDA_INVOKE, [{ seconds: 60 }]),
    (branch) => void task(branch, 'UiTests', LAMBDA_INVOKE, [{ seconds: 140 }]),
    (branch) => {
      if (!loadTestsFail) return void task(branch, 'LoadTests', LAMBDA_INVOKE, [{ seconds: 75 }]);
      const cause = '{"errorMessage":"p99 latency 870 ms above the 600 ms budget"}';
      task(branch, 'LoadTests', LAMBDA_INVOKE, [{ seconds: 75, error: 'LoadTest.ThresholdExceeded', cause }], true);
      pass(branch, 'RecordLoadTestWarning');
    },
  ]);
}

function finish(root: Thread): void {
  task(root, 'NotifyRelease', SNS_PUBLISH, [{ seconds: 0.2 }]);
  succeed(root, 'ReleaseDone');
  root.wait(0.011).emit('ExecutionSucceeded', { output: '{}' });
}

function recording(name: string, startDate: number, writer: HistoryWriter): SfnRecording {
  return {
    description: {
      executionArn: `${ACCOUNT_PREFIX}:execution:${STATE_MACHINE}:${name}`,
      stateMachineArn: `${ACCOUNT_PREFIX}:stateMachine:${STATE_MACHINE}`,
      name,
      startDate,
    },
    events: writer.events(),
    definition: RELEASE_TRAIN_DEFINITION,
  };
}

/** releaseSucceededRecording: the successful release (retried regional deploy, caught load-test failure). */
export function releaseSucceededRecording(): SfnRecording {
  const startDate = Date.UTC(2025, 5, 2, 9, 0, 0);
  const writer = new HistoryWriter(startDate);
  const root = writer.root();
  start(root, '2.4.0');
  task(root, 'ValidateRelease', LAMBDA_INVOKE, [{ seconds: 18 }]);
  deployRegions(root, 1);
  testSuites(root, true);
  task(root, 'PromoteToProduction', LAMBDA_INVOKE, [{ seconds: 120 }]);
  finish(root);
  return recording(RELEASE_SUCCEEDED_NAME, startDate, writer);
}

/**
 * releaseRedrivenRecording: fails in PromoteToProduction (uncaught: no exit, ExecutionFailed
 * points at the failure), then ExecutionRedriven and a new attempt inside the same visit
 * (modelled like recording e: the failed Task is rescheduled inside its original visit).
 */
export function releaseRedrivenRecording(): SfnRecording {
  const startDate = Date.UTC(2025, 5, 3, 9, 0, 0);
  const writer = new HistoryWriter(startDate);
  const root = writer.root();
  start(root, '2.4.1');
  task(root, 'ValidateRelease', LAMBDA_INVOKE, [{ seconds: 15 }]);
  deployRegions(root, null);
  testSuites(root, false);
  const failure = { error: 'Deployment.HealthCheckFailed', cause: '{"errorMessage":"3 of 12 production hosts failed health checks"}' };
  task(root, 'PromoteToProduction', LAMBDA_INVOKE, [{ seconds: 45, ...failure }]);
  root.wait(0.013).emit('ExecutionFailed', failure);
  root.wait(35 * 60).emit('ExecutionRedriven', { redriveCount: 1 });
  taskAttempt(root, LAMBDA_INVOKE, { seconds: 110 });
  exit(root, 'Task', 'PromoteToProduction');
  finish(root);
  return recording(RELEASE_REDRIVEN_NAME, startDate, writer);
}
