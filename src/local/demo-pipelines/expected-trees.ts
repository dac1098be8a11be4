/**
 * The final oVirt tree each demo scenario must leave in the task monitor, written from the
 * mapping rules (README "Mapping"; core/desired-run's table) with the default settings:
 *
 * - one job per execution run, `<state machine> › <execution>`, ` (redrive n)` for redrive n;
 *   it ends `finished` when its run succeeded, otherwise `failed`;
 * - one step per state visit; a Map visit holds `Iteration i` steps, a Parallel visit holds
 *   `Branch k: <StartAt>` steps, each holding the visits inside;
 * - a retried failed attempt adds `Attempt k failed — <error>: <cause>`, a caught failure adds
 *   `Caught <error>: <cause>`, the visit that failed the run adds `<error>: <cause>` (a Lambda
 *   error object as cause shows its `errorMessage`);
 * - succeeded and caught visits are ended `finished`; every other step is closed by the end of
 *   its job and takes the job's status.
 */
import type { ExpectedJob } from '../stack/tree-model.js';
import { job, step } from '../stack/tree-model.js';

const iteration = (index: number, deploy: string, record: string, deploySteps = [] as ReturnType<typeof step>[]) =>
  step(`Iteration ${index}`, 'finished', [step(deploy, 'finished', deploySteps), step(record, 'finished')]);

/** LINEAR (fixture a): four states in a row, all succeeded. */
export const LINEAR: readonly ExpectedJob[] = [
  job('build-and-deploy › checkout-api-main-3f9d2ab', 'finished', [
    step('PrepareBuild', 'finished'),
    step('RunBuild', 'finished'),
    step('DeployService', 'finished'),
    step('Done', 'finished'),
  ]),
];

/** RETRY_CATCH_FAIL (fixture b): three attempts, the last failure caught, then a Fail state. */
export const RETRY_CATCH_FAIL: readonly ExpectedJob[] = [
  job('integration-tests › it-checkout-api-3f9d2ab-0921', 'failed', [
    step('SelectSuite', 'finished'),
    step('RunIntegrationTests', 'finished', [
      step('Attempt 1 failed — IntegrationTestFailure: 3 of 212 tests failed: checkout applies voucher; checkout rejects expired card; cart merges guest session', 'finished'),
      step('Attempt 2 failed — IntegrationTestFailure: 2 of 212 tests failed: checkout applies voucher; cart merges guest session', 'finished'),
      step('Caught IntegrationTestFailure: 2 of 212 tests failed: checkout applies voucher; cart merges guest session', 'finished'),
    ]),
    step('MarkFailed', 'failed', [step('IntegrationTestsFailed: Integration test suite still failing after 2 retries', 'failed')]),
  ]),
];

/** MAP (fixture c): an inline Map over three regions. */
export const MAP: readonly ExpectedJob[] = [
  job('deploy-regions › checkout-api-2025-03-14-3f9d2ab', 'finished', [
    step('ResolveRegions', 'finished'),
    step('DeployToRegions', 'finished', [0, 1, 2].map((i) => iteration(i, 'DeployRegion', 'RecordRegionResult'))),
    step('AllRegionsDeployed', 'finished'),
  ]),
];

/** PARALLEL (fixture d): two branches, then a Choice. */
export const PARALLEL: readonly ExpectedJob[] = [
  job('quality-gates › checkout-api-3f9d2ab-pr-1187', 'finished', [
    step('RunQualityGates', 'finished', [
      step('Branch 1: UnitTests', 'finished', [step('UnitTests', 'finished')]),
      step('Branch 2: StartSecurityScan', 'finished', [
        step('StartSecurityScan', 'finished'),
        step('WaitForScanResults', 'finished'),
        step('FetchScanReport', 'finished'),
      ]),
    ]),
    step('EvaluateGates', 'finished'),
    step('GatesPassed', 'finished'),
  ]),
];

/** REDRIVE (fixture e): the failed run's job, then the redrive's job. */
export const REDRIVE: readonly ExpectedJob[] = [
  job('release-pipeline › release-2025-03-14-0142', 'failed', [
    step('PrepareRelease', 'finished'),
    step('BuildArtifacts', 'finished'),
    step('DeployStaging', 'failed', [
      step("StagingEnvironmentLocked: Environment 'staging' is locked by change CHG-20931 until 2025-03-14T11:30:00Z", 'failed'),
    ]),
  ]),
  job('release-pipeline › release-2025-03-14-0142 (redrive 1)', 'finished', [step('DeployStaging', 'finished'), step('NotifyTeam', 'finished')]),
];

const THROTTLED = 'Attempt 1 failed — Deployment.Throttled: Rate exceeded for regional deployments, retry later';

const testSuites = (loadTests: ReturnType<typeof step>[]) =>
  step('RunTestSuites', 'finished', [
    step('Branch 1: ApiTests', 'finished', [step('ApiTests', 'finished')]),
    step('Branch 2: UiTests', 'finished', [step('UiTests', 'finished')]),
    step('Branch 3: LoadTests', 'finished', loadTests),
  ]);

const ending = [step('NotifyRelease', 'finished'), step('ReleaseDone', 'finished')];

/** RELEASE: the release train succeeding after a retried regional deploy and caught load-test failure. */
export const RELEASE: readonly ExpectedJob[] = [
  job('release-train › release-2.4.0', 'finished', [
    step('ValidateRelease', 'finished'),
    step('DeployToRegions', 'finished', [
      iteration(0, 'DeployRegion', 'SmokeTestRegion'),
      iteration(1, 'DeployRegion', 'SmokeTestRegion', [step(THROTTLED, 'finished')]),
      iteration(2, 'DeployRegion', 'SmokeTestRegion'),
    ]),
    testSuites([
      step('LoadTests', 'finished', [step('Caught LoadTest.ThresholdExceeded: p99 latency 870 ms above the 600 ms budget', 'finished')]),
      step('RecordLoadTestWarning', 'finished'),
    ]),
    step('PromoteToProduction', 'finished'),
    ...ending,
  ]),
];

/** RELEASE_REDRIVE: the release train failing in the production deploy, then redriven to success. */
export const RELEASE_REDRIVE: readonly ExpectedJob[] = [
  job('release-train › release-2.4.1', 'failed', [
    step('ValidateRelease', 'finished'),
    step('DeployToRegions', 'finished', [0, 1, 2].map((i) => iteration(i, 'DeployRegion', 'SmokeTestRegion'))),
    testSuites([step('LoadTests', 'finished')]),
    step('PromoteToProduction', 'failed', [
      step('Deployment.HealthCheckFailed: 3 of 12 production hosts failed health checks', 'failed'),
    ]),
  ]),
  job('release-train › release-2.4.1 (redrive 1)', 'finished', [step('PromoteToProduction', 'finished'), ...ending]),
];

const thumbnailSteps = (resize: ReturnType<typeof step>[], labels: ReturnType<typeof step>[]) => [
  step('CheckImageType', 'finished'),
  step('ResizeImage', 'finished', resize),
  ...labels,
  step('StoreThumbnail', 'finished'),
  step('NotifyUploader', 'finished'),
  step('Done', 'finished'),
];
const labelled = [step('DetectLabels', 'finished')];
const thumbnail = (name: string) => job(`image-thumbnails › ${name}`, 'finished', thumbnailSteps([], labelled));

/** THUMBNAILS: the Express uploads, one job per run (see thumbnail-pipeline.ts). */
export const THUMBNAILS: readonly ExpectedJob[] = [
  thumbnail('photo-2041'),
  job('image-thumbnails › photo-2042', 'finished', thumbnailSteps([step('Attempt 1 failed — Lambda.TooManyRequestsException: Rate exceeded for function resize-image', 'finished')], labelled)),
  thumbnail('photo-2043'),
  job('image-thumbnails › photo-2044', 'finished', thumbnailSteps([], [
    step('DetectLabels', 'finished', [step('Caught Rekognition.InvalidImageFormatException: Request has invalid image format', 'finished')]),
    step('MarkUnlabelled', 'finished'),
  ])),
  job('image-thumbnails › photo-2045', 'failed', [
    step('CheckImageType', 'finished'),
    step('RejectUpload', 'failed', [step('UnsupportedImageType: photo-2045 is a HEIC file; thumbnails are made of JPEG and PNG only', 'failed')]),
  ]),
  thumbnail('photo-2046'),
];
