/**
 * The oVirt trees the mapping rules give for the shared fixtures (README "Mapping rules"),
 * rendered as `[status] description` lines, nesting by indentation. One entry per job.
 */
export const EXPECTED_TREES: Record<string, string[][]> = {
  a: [
    [
      '[finished] build-and-deploy › checkout-api-main-3f9d2ab',
      '  [finished] PrepareBuild',
      '  [finished] RunBuild',
      '  [finished] DeployService',
      '  [finished] Done',
    ],
  ],
  b: [
    [
      '[failed] integration-tests › it-checkout-api-3f9d2ab-0921',
      '  [finished] SelectSuite',
      '  [finished] RunIntegrationTests',
      '    [finished] Attempt 1 failed — IntegrationTestFailure: 3 of 212 tests failed: checkout applies voucher; checkout rejects expired card; cart merges guest session',
      '    [finished] Attempt 2 failed — IntegrationTestFailure: 2 of 212 tests failed: checkout applies voucher; cart merges guest session',
      '    [finished] Caught IntegrationTestFailure: 2 of 212 tests failed: checkout applies voucher; cart merges guest session',
      '  [failed] MarkFailed',
      '    [failed] IntegrationTestsFailed: Integration test suite still failing after 2 retries',
    ],
  ],
  c: [
    [
      '[finished] deploy-regions › checkout-api-2025-03-14-3f9d2ab',
      '  [finished] ResolveRegions',
      '  [finished] DeployToRegions',
      '    [finished] Iteration 0',
      '      [finished] DeployRegion',
      '      [finished] RecordRegionResult',
      '    [finished] Iteration 1',
      '      [finished] DeployRegion',
      '      [finished] RecordRegionResult',
      '    [finished] Iteration 2',
      '      [finished] DeployRegion',
      '      [finished] RecordRegionResult',
      '  [finished] AllRegionsDeployed',
    ],
  ],
  d: [
    [
      '[finished] quality-gates › checkout-api-3f9d2ab-pr-1187',
      '  [finished] RunQualityGates',
      '    [finished] Branch 1: UnitTests',
      '      [finished] UnitTests',
      '    [finished] Branch 2: StartSecurityScan',
      '      [finished] StartSecurityScan',
      '      [finished] WaitForScanResults',
      '      [finished] FetchScanReport',
      '  [finished] EvaluateGates',
      '  [finished] GatesPassed',
    ],
  ],
  e: [
    [
      '[failed] release-pipeline › release-2025-03-14-0142',
      '  [finished] PrepareRelease',
      '  [finished] BuildArtifacts',
      '  [failed] DeployStaging',
      "    [failed] StagingEnvironmentLocked: Environment 'staging' is locked by change CHG-20931 until 2025-03-14T11:30:00Z",
    ],
    ['[finished] release-pipeline › release-2025-03-14-0142 (redrive 1)', '  [finished] DeployStaging', '  [finished] NotifyTeam'],
  ],
};
