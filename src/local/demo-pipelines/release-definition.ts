/**
 * RELEASE_TRAIN_DEFINITION is the ASL of the demo's longer release pipeline: validate, deploy
 * to three regions (inline Map with a retry on throttling), run three test suites in parallel
 * (load tests may fail; the failure is caught and recorded), then the final production deploy
 * and a notification. The reconciler reads it (DescribeStateMachineForExecution) to name the
 * Parallel branches.
 */
const lambda = (functionName: string) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: `arn:aws:lambda:eu-west-1:482913557106:function:${functionName}:$LATEST`, 'Payload.$': '$' },
  ResultPath: null,
});

const suite = (name: string, functionName: string) => ({
  StartAt: name,
  States: { [name]: { ...lambda(functionName), End: true } },
});

/** RELEASE_TRAIN_DEFINITION: see the file comment. */
export const RELEASE_TRAIN_DEFINITION = {
  Comment: 'Release train: validate, deploy to regions, test in parallel, promote to production',
  StartAt: 'ValidateRelease',
  TimeoutSeconds: 7200,
  States: {
    ValidateRelease: { ...lambda('validate-release'), Next: 'DeployToRegions' },
    DeployToRegions: {
      Type: 'Map',
      ItemsPath: '$.regions',
      MaxConcurrency: 3,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'DeployRegion',
        States: {
          DeployRegion: {
            ...lambda('deploy-region'),
            Retry: [{ ErrorEquals: ['Deployment.Throttled'], IntervalSeconds: 15, BackoffRate: 2, MaxAttempts: 2 }],
            Next: 'SmokeTestRegion',
          },
          SmokeTestRegion: { ...lambda('smoke-test-region'), End: true },
        },
      },
      ResultPath: null,
      Next: 'RunTestSuites',
    },
    RunTestSuites: {
      Type: 'Parallel',
      ResultPath: null,
      Next: 'PromoteToProduction',
      Branches: [
        suite('ApiTests', 'run-api-tests'),
        suite('UiTests', 'run-ui-tests'),
        {
          StartAt: 'LoadTests',
          States: {
            LoadTests: {
              ...lambda('run-load-tests'),
              Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.loadTestError', Next: 'RecordLoadTestWarning' }],
              End: true,
            },
            RecordLoadTestWarning: { Type: 'Pass', End: true },
          },
        },
      ],
    },
    PromoteToProduction: { ...lambda('promote-release'), TimeoutSeconds: 1800, Next: 'NotifyRelease' },
    NotifyRelease: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: 'arn:aws:sns:eu-west-1:482913557106:release-notifications', 'Message.$': '$.release' },
      ResultPath: null,
      Next: 'ReleaseDone',
    },
    ReleaseDone: { Type: 'Succeed' },
  },
} as const;
