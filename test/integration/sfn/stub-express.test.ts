/**
 * Express executions on the stub, through the real SDK client: no history API (their ARNs are
 * refused with InvalidArn, as AWS refuses them), not listed (listing an Express state machine
 * is StateMachineTypeNotSupported; their state machine is described as EXPRESS), no status change events; their log records are all there
 * is. Standard executions keep their history, and their log records carry the run they
 * belong to.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
} from '@aws-sdk/client-sfn';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thumbnailRecordings } from '../../../src/local/demo-pipelines/thumbnail-pipeline.js';
import { startSfnStub } from '../../../src/local/sfn-stub/index.js';
import type { LogShipment, SfnStatusChangeEvent, SfnStub } from '../../../src/local/sfn-stub/index.js';
import { arnOf, caught, recordings, sdkClient } from './sfn-test-kit.js';

let stub: SfnStub;
let client: SFNClient;
const shipments: LogShipment[] = [];
const statusEvents: SfnStatusChangeEvent[] = [];
const [express] = thumbnailRecordings();
const { e: redriven } = recordings();

beforeAll(async () => {
  stub = await startSfnStub({ logs: { batchMs: 60_000 } });
  client = sdkClient(stub.url);
  stub.onStatusChange((event) => statusEvents.push(event));
  stub.onLogDelivery((shipment) => shipments.push(shipment));
  if (express === undefined) throw new Error('no thumbnail run');
  stub.addExecution(express, { revealed: 0 });
  stub.addExecution(redriven, { revealed: 0 });
  stub.reveal(arnOf(express), 'all');
  stub.reveal(arnOf(redriven), 'all');
  stub.flushLogs();
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

const records = () =>
  shipments.flatMap((s) => (JSON.parse(gunzipSync(Buffer.from(s.payload.awslogs.data, 'base64')).toString('utf8')) as { logEvents: Array<{ message: string }> }).logEvents)
    .map((e) => JSON.parse(e.message) as Record<string, unknown>);

describe('Express executions on the stub', () => {
  it.each([
    ['DescribeExecution', () => client.send(new DescribeExecutionCommand({ executionArn: arnOf(express!) }))],
    ['GetExecutionHistory', () => client.send(new GetExecutionHistoryCommand({ executionArn: arnOf(express!) }))],
    ['DescribeStateMachineForExecution', () => client.send(new DescribeStateMachineForExecutionCommand({ executionArn: arnOf(express!) }))],
  ])('%s refuses an Express execution ARN with InvalidArn', async (_operation, call) => {
    // Act
    const error = await caught(call());
    // Assess
    expect(error.name).toBe('InvalidArn');
    expect(error.message).toBe("Invalid Arn: 'Resource type not valid in this context: express'");
  });

  it('refuses to list an Express state machine and never lists its executions', async () => {
    // Act
    const error = await caught(client.send(new ListExecutionsCommand({ stateMachineArn: express!.description.stateMachineArn })));
    // Assess
    expect(error.name).toBe('StateMachineTypeNotSupported');
  });

  it('issue 11 (--stage local): describes an undeclared state machine known only by Express executions as EXPRESS', async () => {
    // Act
    const out = await client.send(new DescribeStateMachineCommand({ stateMachineArn: express!.description.stateMachineArn }));
    // Assess
    expect(out.type).toBe('EXPRESS');
  });

  it('sends no status change event for an Express execution, but logs every one of its events', () => {
    // Act
    const expressRecords = records().filter((r) => r['execution_arn'] === arnOf(express!));
    // Assess
    expect(statusEvents.every((event) => event.detail.executionArn !== arnOf(express!))).toBe(true);
    expect(statusEvents.length).toBeGreaterThan(0);
    expect(expressRecords.map((r) => r['id'])).toEqual(expect.arrayContaining(express!.events.map((e) => String(e.id))));
    const last = expressRecords.find((r) => r['type'] === 'ExecutionSucceeded');
    expect(last?.['redrive_count']).toBe('0');
    expect(typeof last?.['previous_event_id']).toBe('string');
  });

  it('still serves a Standard execution, whose log records carry the run they belong to', async () => {
    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: arnOf(redriven) }));
    const standardRecords = records().filter((r) => r['execution_arn'] === arnOf(redriven));
    const runOf = (type: string) => standardRecords.find((r) => r['type'] === type)?.['redrive_count'];
    // Assess
    expect(described.redriveCount).toBe(1);
    expect(standardRecords).toHaveLength(redriven.events.length);
    expect(runOf('ExecutionStarted')).toBe('0');
    expect(runOf('ExecutionFailed')).toBe('0');
    expect(runOf('ExecutionRedriven')).toBe('1');
    expect(runOf('ExecutionSucceeded')).toBe('1');
  });

  it('says in DescribeStateMachineForExecution that the state machine logs at level ALL without execution data', async () => {
    // Act
    const machine = await client.send(new DescribeStateMachineForExecutionCommand({ executionArn: arnOf(redriven) }));
    const logGroups = new Set(shipments.map((s) => s.decoded.logGroup));
    // Assess
    expect(machine.loggingConfiguration).toEqual({
      level: 'ALL',
      includeExecutionData: false,
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:eu-west-1:482913557106:log-group:/aws/vendedlogs/states/release-pipeline-Logs:*' } }],
    });
    expect(logGroups.has('/aws/vendedlogs/states/release-pipeline-Logs')).toBe(true);
  });
});
