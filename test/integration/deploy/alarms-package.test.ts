/**
 * The CloudWatch alarms in the packaged template (src/deploy/alarms.cjs): errors and throttles
 * of every function, the dead-letter queue not empty, and an execution pending too long (from
 * the sweep's OldestDueExecutionAgeSeconds) — notifying the alarmTopicArn stage parameter, or
 * nobody when it is empty. The IAM checks of serverless-package.test.ts hold for both packagings
 * below (alarms need no permission of the functions).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { OLDEST_DUE_AGE_METRIC, SERVICE_NAME } from '../../../src/runtime/telemetry.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const { alarmSettings } = require('../../../src/deploy/alarms.cjs') as {
  alarmSettings: (deploy: Record<string, string>) => { topic: string; minutes: number };
};
const TOPIC = 'arn:aws:sns:eu-west-1:482913557106:ovirt-pipelines-on-call';
const PARAMS = [
  '--param=ovirtUrl=https://engine.invalid/ovirt-engine/api',
  '--param=ovirtUsername=ci@internal',
  '--param=ovirtPasswordSecret=ssm:/ci/ovirt-password',
];

type Resource = { Type: string; Properties: Record<string, unknown> };

/** packageTemplate runs `serverless package` with `params` and returns the template's resources. */
async function packageTemplate(params: string[]): Promise<Record<string, Resource>> {
  const dir = mkdtempSync(join(tmpdir(), 'opj-alarms-'));
  try {
    await run('npx', ['serverless', 'package', '--stage', 'test', '--package', dir, ...PARAMS, ...params], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'dummy', AWS_SECRET_ACCESS_KEY: 'dummy', AWS_EC2_METADATA_DISABLED: 'true' },
      timeout: 240_000,
    });
    return (JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Record<string, Resource> }).Resources;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const alarmsOf = (resources: Record<string, Resource>) =>
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .map((r) => r.Properties);
const functionIds = (resources: Record<string, Resource>) =>
  Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .map(([id]) => id)
    .sort();
const lambdaAlarmsFor = (resources: Record<string, Resource>, metric: string) =>
  alarmsOf(resources)
    .filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === metric)
    .map((a) => ((a.Dimensions as Array<{ Name: string; Value: { Ref: string } }>)[0]?.Value.Ref ?? ''))
    .sort();

const rolePolicies = (resources: Record<string, Resource>) =>
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Role')
    .map((r) => r.Properties.Policies);

/** The packaging without a topic, kept to compare the one with a topic against. */
let withoutTopic: Record<string, Resource>;

describe('alarms in the packaged template, without an alarm topic', () => {
  let resources: Record<string, Resource>;
  beforeAll(async () => {
    resources = await packageTemplate([]);
    withoutTopic = resources;
  }, 300_000);

  it('alarms on the errors and the throttles of every function', () => {
    // Act
    const functions = functionIds(resources);

    // Assess
    expect(functions.length).toBeGreaterThanOrEqual(2);
    expect(lambdaAlarmsFor(resources, 'Errors')).toEqual(functions);
    expect(lambdaAlarmsFor(resources, 'Throttles')).toEqual(functions);
  });

  it('alarms when the dead-letter queue holds a message', () => {
    // Act
    const dlq = alarmsOf(resources).find((a) => a.Namespace === 'AWS/SQS');

    // Assess
    expect(dlq).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['DeadLetterQueue', 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('alarms when an open execution has waited longer than pendingAlarmMinutes (15 by default), on the metric and dimension the sweep emits', () => {
    // Act
    const pending = alarmsOf(resources).find((a) => a.MetricName === OLDEST_DUE_AGE_METRIC);

    // Assess
    expect(pending).toMatchObject({
      Namespace: 'OvirtPipelineJobs',
      Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 15 * 60,
    });
  });

  it('creates the alarms, notifying nobody', () => {
    // Act
    const actions = alarmsOf(resources).map((a) => [a.ActionsEnabled, a.AlarmActions, a.OKActions]);

    // Assess
    expect(actions.length).toBe(2 * functionIds(resources).length + 2);
    for (const action of actions) expect(action).toEqual([false, [], []]);
  });
});

describe('alarms in the packaged template, with an alarm topic', () => {
  let resources: Record<string, Resource>;
  beforeAll(async () => {
    resources = await packageTemplate([`--param=alarmTopicArn=${TOPIC}`, '--param=pendingAlarmMinutes=30']);
  }, 300_000);

  it('makes every alarm notify the topic on alarm and on recovery', () => {
    // Act
    const actions = alarmsOf(resources).map((a) => [a.ActionsEnabled, a.AlarmActions, a.OKActions]);

    // Assess
    expect(actions.length).toBe(2 * functionIds(resources).length + 2);
    for (const action of actions) expect(action).toEqual([true, [TOPIC], [TOPIC]]);
  });

  it('grants the functions exactly what they get without a topic (alarms need no permission of theirs)', () => {
    // Act
    const policies = rolePolicies(resources);

    // Assess
    expect(policies).toHaveLength(1);
    expect(policies).toEqual(rolePolicies(withoutTopic));
  });

  it('takes the pending threshold from pendingAlarmMinutes', () => {
    // Act
    const pending = alarmsOf(resources).find((a) => a.MetricName === OLDEST_DUE_AGE_METRIC);

    // Assess
    expect(pending?.Threshold).toBe(30 * 60);
  });
});

describe('alarm settings', () => {
  it.each([
    [{ alarmTopicArn: 'ops-alerts', pendingAlarmMinutes: '15' }, 'alarmTopicArn "ops-alerts" is not an SNS topic ARN'],
    [{ alarmTopicArn: '', pendingAlarmMinutes: '2' }, 'pendingAlarmMinutes "2" must be a whole number of minutes from 5 to 1440'],
    [{ alarmTopicArn: '', pendingAlarmMinutes: 'soon' }, 'pendingAlarmMinutes "soon"'],
  ])('refuses %j, saying what to give', (deploy, message) => {
    // Act
    const refusal = () => alarmSettings(deploy);

    // Assess
    expect(refusal).toThrow(message);
  });

  it('accepts an SNS topic ARN and no topic', () => {
    // Act
    const settings = [alarmSettings({ alarmTopicArn: TOPIC, pendingAlarmMinutes: '15' }), alarmSettings({ alarmTopicArn: ' ', pendingAlarmMinutes: '60' })];

    // Assess
    expect(settings).toEqual([
      { topic: TOPIC, minutes: 15 },
      { topic: '', minutes: 60 },
    ]);
  });
});
