/**
 * DescribeStateMachine on the stub through the real SDK, and the adapter's describeStateMachine
 * on top of it: a machine known by its executions, a declared Express machine with logging, and
 * a missing one (the SDK's StateMachineDoesNotExist; the adapter's undefined).
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DescribeStateMachineCommand, StateMachineDoesNotExist } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStateMachine } from '../../../src/adapters/sfn/index.js';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub, syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import { caught, sdkClient } from './sfn-test-kit.js';

const PLAYED = syntheticRecording({ events: 6, executionName: 'run-1', stateMachineName: 'nightly-backup' });
const EXPRESS_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:webhook-fanout';
const LOG_GROUP_ARN = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/webhook-fanout:*';
const MISSING_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:never-created';

let stub: SfnStub;
let client: SFNClient;

beforeAll(async () => {
  stub = await startSfnStub();
  client = sdkClient(stub.url);
  stub.addExecution(PLAYED);
  stub.defineStateMachine({
    stateMachineArn: EXPRESS_ARN,
    type: 'EXPRESS',
    loggingConfiguration: { level: 'ALL', includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_GROUP_ARN } }] },
  });
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

describe('Stub: DescribeStateMachine', () => {
  it('describes a machine known by its executions as STANDARD with logging OFF and the execution’s definition', async () => {
    // Prepare
    const arn = PLAYED.description.stateMachineArn;

    // Act
    const out = await client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));

    // Assess
    expect(out).toMatchObject({ stateMachineArn: arn, name: 'nightly-backup', type: 'STANDARD', status: 'ACTIVE' });
    expect(out.loggingConfiguration).toEqual({ level: 'OFF', includeExecutionData: false });
    expect(JSON.parse(out.definition ?? '')).toHaveProperty('StartAt');
    expect(out.creationDate).toBeInstanceOf(Date);
  });

  it('describes a declared machine with its type and logging', async () => {
    // Act
    const out = await client.send(new DescribeStateMachineCommand({ stateMachineArn: EXPRESS_ARN }));

    // Assess
    expect(out.type).toBe('EXPRESS');
    expect(out.loggingConfiguration?.level).toBe('ALL');
    expect(out.loggingConfiguration?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn).toBe(LOG_GROUP_ARN);
  });

  it('answers StateMachineDoesNotExist for a machine it does not know, and InvalidArn for an execution ARN', async () => {
    // Act
    const missing = await caught(client.send(new DescribeStateMachineCommand({ stateMachineArn: MISSING_ARN })));
    const wrongKind = await caught(client.send(new DescribeStateMachineCommand({ stateMachineArn: PLAYED.description.executionArn })));

    // Assess
    expect(missing).toBeInstanceOf(StateMachineDoesNotExist);
    expect(wrongKind.name).toBe('InvalidArn');
  });
});

describe('Adapter: describeStateMachine', () => {
  it('returns type, logging level and log groups, and undefined for a missing machine', async () => {
    // Act
    const express = await describeStateMachine(client, EXPRESS_ARN);
    const standard = await describeStateMachine(client, PLAYED.description.stateMachineArn);
    const missing = await describeStateMachine(client, MISSING_ARN);

    // Assess
    expect(express).toEqual({
      stateMachineArn: EXPRESS_ARN,
      name: 'webhook-fanout',
      type: 'EXPRESS',
      status: 'ACTIVE',
      logging: { level: 'ALL', includeExecutionData: false, logGroupArns: [LOG_GROUP_ARN] },
    });
    expect(standard?.logging).toEqual({ level: 'OFF', includeExecutionData: false, logGroupArns: [] });
    expect(missing).toBeUndefined();
  });

  it('reports any other failure as a StepFunctionsError naming DescribeStateMachine', async () => {
    // Prepare
    stub.failWith({ operation: 'DescribeStateMachine', status: 500, times: 1 });

    // Act
    const error = await caught(describeStateMachine(client, EXPRESS_ARN));

    // Assess
    expect(error.name).toBe('StepFunctionsError');
    expect(error.message).toContain('Step Functions DescribeStateMachine for');
  });
});
