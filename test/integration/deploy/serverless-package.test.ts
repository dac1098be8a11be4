/**
 * Packages the service with the serverless CLI (dummy credentials, no network) and checks
 * the CloudFormation template: the table, the EventBridge rule, the schedule, the DLQ, and
 * IAM statements scoped to named resources — never a `*` action or an account-wide resource
 * when an allow-list is configured; the stateful resources kept on removal, the dead-letter
 * queue open to our rule only, and onExecutionEvent's concurrency capped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkActionsCalledBy } from '../security/sdk-actions.js';

const run = promisify(execFile);
const SM = 'arn:aws:states:eu-west-1:482913557106:stateMachine:release-pipeline';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:482913557106:secret:ovirt-password-AbCdEf';
/** Placeholder engine settings (package and deploy refuse empty ones); `.invalid` never resolves. */
const ENGINE_PARAMS = ['--param=ovirtUrl=https://engine.invalid/ovirt-engine/api', '--param=ovirtUsername=ci@internal'];
/** Two Step Functions log groups whose records are pushed to onExecutionLogs. */
const LOG_GROUPS = ['/aws/vendedlogs/states/a-Logs', '/aws/vendedlogs/states/b-Logs'];

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
// The CLI writes a one-element list as a scalar.
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

describe('serverless package', () => {
  let dir: string;
  let resources: Record<string, Resource>;
  // The packaging gets a temp folder of its own, so what it leaves there can be seen apart
  // from what other processes on the machine leave in the shared one.
  let packagingTemp: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opj-package-'));
    // Not inside `dir`: packaging empties its --package folder first.
    packagingTemp = mkdtempSync(join(tmpdir(), 'opj-package-temp-'));
    await run(
      'npx',
      ['serverless', 'package', '--stage', 'test', '--package', dir, `--param=stateMachineArns=${SM}`, `--param=ovirtPasswordSecret=${SECRET}`, `--param=logGroupNames=${LOG_GROUPS.join(',')}`, ...ENGINE_PARAMS],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'dummy',
          AWS_SECRET_ACCESS_KEY: 'dummy',
          AWS_EC2_METADATA_DISABLED: 'true',
          TMPDIR: packagingTemp,
          TMP: packagingTemp,
          TEMP: packagingTemp,
        },
        timeout: 240_000,
      },
    );
    const template = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as {
      Resources: Record<string, Resource>;
    };
    resources = template.Resources;
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (packagingTemp) rmSync(packagingTemp, { recursive: true, force: true });
  });

  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const statements = (): Statement[] => {
    const role = ofType('AWS::IAM::Role')[0]![1];
    const policies = role.Properties.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>;
    return policies.flatMap((p) => p.PolicyDocument.Statement);
  };

  it('holds the tracking table with TTL, point-in-time recovery and the sweep index', () => {
    // Act
    const table = resources.TrackingTable!;

    // Assess
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      TableName: 'ovirt-pipeline-jobs-test-tracking',
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(JSON.stringify(table.Properties.GlobalSecondaryIndexes)).toContain('open-executions');
  });

  it('holds the EventBridge rule narrowed to the allow-list, with the DLQ as its dead-letter target', () => {
    // Act
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
    const statusRule = rules.find((p) => String(JSON.stringify(p.EventPattern)).includes('Step Functions Execution Status Change'));

    // Assess
    expect(statusRule?.EventPattern).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { stateMachineArn: [SM] },
    });
    expect(JSON.stringify(statusRule?.Targets)).toContain('DeadLetterQueue');
  });

  it('holds the sweep schedule and a DLQ kept 14 days that is the on-failure destination', () => {
    // Act
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
    const queue = resources.DeadLetterQueue!;
    const destinations = ofType('AWS::Lambda::EventInvokeConfig').map(([, r]) => r.Properties);

    // Assess
    expect(rules.some((p) => p.ScheduleExpression === 'rate(1 minute)')).toBe(true);
    expect(queue.Properties.MessageRetentionPeriod).toBe(1209600);
    expect(JSON.stringify(destinations)).toContain('DeadLetterQueue');
    expect(destinations[0]).toMatchObject({ MaximumRetryAttempts: 2 });
  });

  it('issue 9: keeps the tracking table and the dead-letter queue when the stack is removed or they would be replaced', () => {
    // Act
    const kept = ['TrackingTable', 'DeadLetterQueue'].map((id) => [resources[id]!.DeletionPolicy, resources[id]!.UpdateReplacePolicy]);

    // Assess
    expect(kept).toEqual([
      ['Retain', 'Retain'],
      ['Retain', 'Retain'],
    ]);
  });

  it('issue 9: lets EventBridge send to the dead-letter queue only for our status-change rule', () => {
    // Prepare
    const statusRule = ofType('AWS::Events::Rule')
      .map(([, r]) => r.Properties)
      .find((p) => String(JSON.stringify(p.EventPattern)).includes('Step Functions Execution Status Change'))!;
    const policy = ofType('AWS::SQS::QueuePolicy')[0]![1].Properties as { Queues: unknown; PolicyDocument: { Statement: Array<Record<string, unknown>> } };

    // Act
    const statements = policy.PolicyDocument.Statement;

    // Assess
    expect(policy.Queues).toEqual([{ Ref: 'DeadLetterQueue' }]);
    expect(statements).toEqual([
      {
        Sid: 'EventBridgeDeliveryFailuresOfOurRule',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
        Condition: {
          ArnEquals: { 'aws:SourceArn': { 'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${String(statusRule.Name)}` } },
        },
      },
    ]);
    expect(statusRule.Name).toBe('ovirt-pipeline-jobs-test-status-changes');
  });

  it('issue 9: caps onExecutionEvent at the default reserved concurrency, and the sweep at one', () => {
    // Act
    const functions = Object.fromEntries(ofType('AWS::Lambda::Function').map(([id, r]) => [id, r.Properties.ReservedConcurrentExecutions]));

    // Assess
    expect(functions).toEqual({ OnExecutionEventLambdaFunction: 10, SweepLambdaFunction: 1 });
  });

  it('grants only named actions on named resources', () => {
    // Act
    const all = statements();
    const text = JSON.stringify(all);

    // Assess
    for (const s of all) {
      for (const action of asList(s.Action)) expect(action).not.toContain('*');
      for (const resource of asList(s.Resource)) expect(resource).not.toBe('*');
    }
    expect(text).toContain('arn:aws:states:eu-west-1:482913557106:execution:release-pipeline:*');
    expect(text).not.toContain('execution:*"');
    expect(text).toContain(SECRET);
    expect(text).toContain('TrackingTable');
    expect(text).toContain('/index/open-executions');
    const actions = all.flatMap((s) => asList(s.Action));
    expect(actions).not.toContain('states:StartExecution');
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('grants each action on exactly its own resources: the allow-listed executions, the table and its index, the DLQ, the secret', () => {
    // Prepare
    const account = 'arn:aws:states:eu-west-1:482913557106';
    const table = [{ 'Fn::GetAtt': ['TrackingTable', 'Arn'] }, { 'Fn::Sub': '${TrackingTable.Arn}/index/open-executions' }];
    const executions = [`${account}:execution:release-pipeline:*`, `${account}:execution:release-pipeline/*`];
    const expected: Record<string, unknown[]> = {
      'states:DescribeExecution': executions,
      'states:GetExecutionHistory': executions,
      'states:DescribeStateMachineForExecution': executions,
      'states:DescribeMapRun': [`${account}:mapRun:release-pipeline/*`],
      'states:ListExecutions': [SM],
      'dynamodb:GetItem': table,
      'dynamodb:PutItem': table,
      'dynamodb:UpdateItem': table,
      'dynamodb:Query': table,
      'dynamodb:BatchGetItem': table,
      'sqs:SendMessage': [{ 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] }],
      'secretsmanager:GetSecretValue': [SECRET],
    };

    // Act
    const granted = new Map<string, unknown[]>();
    for (const s of statements()) {
      expect(s.Effect).toBe('Allow');
      for (const action of asList(s.Action).map(String)) granted.set(action, [...(granted.get(action) ?? []), ...asList(s.Resource)]);
    }
    // The framework writes sqs:SendMessage once per function with an on-failure destination
    // (onExecutionEvent, onExecutionLogs): the same grant twice.
    for (const [action, list] of granted) granted.set(action, [...new Map(list.map((r) => [JSON.stringify(r), r])).values()]);
    const logs = [...granted].filter(([action]) => action.startsWith('logs:'));

    // Assess
    expect(Object.fromEntries([...granted].filter(([action]) => !action.startsWith('logs:')))).toEqual(expected);
    for (const [, resources] of logs) for (const resource of resources) expect(JSON.stringify(resource)).toContain('log-group:/aws/lambda/ovirt-pipeline-jobs-test');
  });

  it('grants every Step Functions and DynamoDB action the deployed code calls, and no other', () => {
    // Prepare: the code that runs in Lambda (src/local is never deployed).
    const called = sdkActionsCalledBy(fileURLToPath(new URL('../../../', import.meta.url)), ['handlers', 'src/entry', 'src/reconcile', 'src/apply', 'src/adapters', 'src/runtime']);

    // Act
    const granted = [...new Set(statements().flatMap((s) => asList(s.Action).map(String)))].filter((action) => /^(states|dynamodb):/.test(action)).sort();

    // Assess
    expect(granted).toEqual(called.filter((action) => /^(states|dynamodb):/.test(action)));
  });

  it('issue 12: subscribes onExecutionLogs to each named log group, with the permission CloudWatch Logs needs to invoke it', () => {
    // Act
    const filters = ofType('AWS::Logs::SubscriptionFilter').map(([, r]) => r.Properties);
    const permissions = ofType('AWS::Lambda::Permission')
      .map(([, r]) => r.Properties)
      .filter((p) => JSON.stringify(p.Principal).includes('logs.'));

    // Assess
    expect(filters).toEqual(
      LOG_GROUPS.map((name) => ({ LogGroupName: name, FilterPattern: '', DestinationArn: { 'Fn::GetAtt': ['OnExecutionLogsLambdaFunction', 'Arn'] } })),
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]).toMatchObject({
      FunctionName: { 'Fn::GetAtt': ['OnExecutionLogsLambdaFunction', 'Arn'] },
      Action: 'lambda:InvokeFunction',
      Principal: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
    });
    expect(JSON.stringify(permissions[0]?.SourceArn)).toContain(':log-group:');
  });

  it('issue 12: retries a failed log delivery twice, then sends it to the dead-letter queue, like onExecutionEvent', () => {
    // Act
    const configs = ofType('AWS::Lambda::EventInvokeConfig').map(([, r]) => r.Properties);
    const logs = configs.find((p) => JSON.stringify(p.FunctionName).includes('OnExecutionLogs'));

    // Assess
    expect(logs).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] } } },
    });
  });

  it('issue 12: gives onExecutionLogs the push path\'s settings and no logs:* permission beyond its own log group', () => {
    // Act
    const env = (resources.OnExecutionLogsLambdaFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const logActions = statements().filter((s) => asList(s.Action).some((a) => String(a).startsWith('logs:')));

    // Assess
    expect(env).toMatchObject({ LOG_BATCH_CONCURRENCY: '4', PUSH_HISTORY_READS_PER_SECOND: '5' });
    // Only what every function needs to write its own logs (the framework's statements).
    expect(logActions.length).toBeGreaterThan(0);
    for (const s of logActions) {
      for (const action of asList(s.Action)) expect(['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource', 'logs:PutLogEvents']).toContain(action);
      for (const resource of asList(s.Resource)) expect(JSON.stringify(resource)).toContain('log-group:/aws/lambda/');
    }
  });

  it('bundles each function into its own small zip', () => {
    // Act
    const sizes = ['onExecutionEvent', 'onExecutionLogs', 'sweep'].map((fn) => statSync(join(dir, `${fn}.zip`)).size);

    // Assess
    for (const size of sizes) expect(size).toBeGreaterThan(10_000);
  });

  it('issue 10 #2: leaves no unpacked bundle folder in the temp folder (serverless-esbuild left one per function per packaging)', () => {
    // Act
    const left = readdirSync(packagingTemp).filter((entry) => /^(onExecutionEvent|onExecutionLogs|sweep)-/.test(entry));

    // Assess
    expect(left).toEqual([]);
  });
});
