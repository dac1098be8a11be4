/**
 * `ovirt-pipeline-jobs doctor`, AWS side: the tracking table on dynalite (ok, missing, wrong
 * key schema, missing index), allow-listed state machines on the Step Functions stub (exists,
 * missing, Express), and the push path's log level.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../../src/cli/commands/doctor.js';
import { ExitCode } from '../../../src/cli/command.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { startOvirtEngine } from '../../../src/local/ovirt-engine/index.js';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub } from '../../../src/local/sfn-stub/index.js';
import { trackingTableInput } from '../../../src/local/tracking-table.js';
import type { CheckResult } from '../../../src/operate/doctor/check-result.js';
import { commandContext } from '../../helpers/cli.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';
import { startTrackingTable } from '../../helpers/dynalite.js';
import { localPartsEnv, SIM_USER } from '../../helpers/local-parts.js';

const ARN = (name: string): string => `arn:aws:states:eu-west-1:123456789012:stateMachine:${name}`;
const LOG_GROUP = '/aws/vendedlogs/states/webhook-fanout';
const LOG_GROUP_ARN = `arn:aws:logs:eu-west-1:123456789012:log-group:${LOG_GROUP}:*`;

let engine: OvirtEngineSimulator;
let table: DynaliteTrackingTable;
let sfn: SfnStub;
let base: Record<string, string>;
let logs: Server;
let logsUrl: string;

/**
 * The subscription filters a tiny CloudWatch Logs double answers DescribeSubscriptionFilters
 * with (AWS JSON 1.1, as @aws-sdk/client-cloudwatch-logs speaks it); a group not listed is missing.
 */
const FILTERS: Record<string, { filterName: string; destinationArn: string }[]> = {
  [LOG_GROUP]: [{ filterName: 'ovirt-pipeline-jobs-prod-OnExecutionLogsLogsSubscriptionFilter', destinationArn: 'arn:aws:lambda:eu-west-1:123456789012:function:ovirt-pipeline-jobs-prod-onExecutionLogs' }],
  '/aws/vendedlogs/states/unsubscribed': [],
  '/aws/vendedlogs/states/elsewhere': [{ filterName: 'to-splunk', destinationArn: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/splunk' }],
};

function startLogsDouble(): Promise<void> {
  logs = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target']);
      const group = (JSON.parse(body) as { logGroupName?: string }).logGroupName ?? '';
      const filters = FILTERS[group];
      const [status, answer] = target !== 'Logs_20140328.DescribeSubscriptionFilters'
        ? [400, { __type: 'UnknownOperationException', message: target }]
        : filters === undefined
          ? [400, { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' }]
          : [200, { subscriptionFilters: filters.map((f) => ({ ...f, logGroupName: group, filterPattern: '' })) }];
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
    });
  });
  return new Promise((resolve) => logs.listen(0, '127.0.0.1', () => {
    logsUrl = `http://127.0.0.1:${(logs.address() as AddressInfo).port}`;
    resolve();
  }));
}

beforeAll(async () => {
  [engine, table, sfn] = await Promise.all([startOvirtEngine({ tls: true, users: [SIM_USER] }), startTrackingTable(), startSfnStub(), startLogsDouble()]);
  sfn.defineStateMachine({ stateMachineArn: ARN('release') });
  sfn.defineStateMachine({
    stateMachineArn: ARN('webhook-fanout'),
    type: 'EXPRESS',
    loggingConfiguration: { level: 'ERROR', includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_GROUP_ARN } }] },
  });
  sfn.defineStateMachine({ stateMachineArn: ARN('express-silent'), type: 'EXPRESS' });
  // A table of another shape: keyed by the execution only, without the open-executions index.
  const input = trackingTableInput('wrong-shape');
  await table.client.send(new CreateTableCommand({
    ...input,
    KeySchema: [{ AttributeName: 'executionArn', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'executionArn', AttributeType: 'S' }],
    GlobalSecondaryIndexes: undefined,
  }));
  base = { ...localPartsEnv(engine, table, sfn), STATE_MACHINE_ARNS: ARN('release') };
});
afterAll(async () => {
  logs.closeAllConnections();
  await Promise.allSettled([engine.stop(), table.stop(), sfn.stop(), new Promise((resolve) => logs.close(resolve))]);
});

/** doctor runs the command in --json mode and returns the exit code and the checks by id. */
async function doctor(env: Record<string, string | undefined>): Promise<{ code: number; byId: Map<string, CheckResult> }> {
  const ctx = commandContext([], { ...base, ...env }, { json: true });
  const code = await doctorCommand.run(ctx);
  const doc = ctx.out.document as { checks: CheckResult[] };
  return { code, byId: new Map(doc.checks.map((c) => [c.id, c])) };
}

describe('doctor: tracking table', () => {
  it('passes the table created from tracking-table.json', async () => {
    // Act
    const { code, byId } = await doctor({});

    // Assess
    expect(code).toBe(ExitCode.OK);
    expect(byId.get('table')).toMatchObject({ status: 'ok', detail: expect.stringContaining('is ACTIVE with the keys and the index') as unknown });
  });

  it('fails on a missing table and says to deploy or set TRACKING_TABLE_NAME', async () => {
    // Act
    const { code, byId } = await doctor({ TRACKING_TABLE_NAME: 'no-such-table' });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    expect(byId.get('table')?.status).toBe('failed');
    expect(byId.get('table')?.detail).toBe('there is no table no-such-table in eu-west-1');
    expect(byId.get('table')?.fix).toContain('TRACKING_TABLE_NAME');
  });

  it('fails on a table with another key schema and no index, naming each difference', async () => {
    // Act
    const { code, byId } = await doctor({ TRACKING_TABLE_NAME: 'wrong-shape' });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    const detail = byId.get('table')?.detail ?? '';
    expect(detail).toContain('its key is executionArn (HASH), expected executionArn (HASH) + objectKey (RANGE)');
    expect(detail).toContain('it has no index open-executions (openShard (HASH) + lastSyncedAt (RANGE))');
    expect(byId.get('table')?.fix).toContain('tracking-table.json');
  });
});

describe('doctor: state machines and the push path', () => {
  it('passes an existing STANDARD machine and fails a missing one', async () => {
    // Act
    const { code, byId } = await doctor({ STATE_MACHINE_ARNS: `${ARN('release')},${ARN('never-deployed')}` });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    expect(byId.get(`stateMachine:${ARN('release')}`)).toMatchObject({ status: 'ok', detail: 'exists, STANDARD' });
    expect(byId.get(`stateMachine:${ARN('never-deployed')}`)).toMatchObject({ status: 'failed', detail: `${ARN('never-deployed')} does not exist` });
    expect(byId.get('push')?.status).toBe('skipped');
  });

  it('warns that an empty allow-list leaves nothing to check', async () => {
    // Act
    const { code, byId } = await doctor({ STATE_MACHINE_ARNS: undefined });

    // Assess
    expect(code).toBe(ExitCode.OK);
    expect(byId.get('stateMachines')?.status).toBe('warning');
  });

  it('an Express machine logging at ERROR fails the log-level check; the subscription is skipped without a local CloudWatch Logs endpoint', async () => {
    // Act
    const { code, byId } = await doctor({ STATE_MACHINE_ARNS: ARN('webhook-fanout') });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    expect(byId.get(`stateMachine:${ARN('webhook-fanout')}`)?.status).toBe('ok');
    const level = byId.get(`push.logLevel:${ARN('webhook-fanout')}`);
    expect(level?.status).toBe('failed');
    expect(level?.fix).toContain('"level":"ALL"');
    expect(byId.get(`push.subscription:${LOG_GROUP}`)).toMatchObject({ status: 'skipped', detail: expect.stringContaining('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS') as unknown });
  });

  it('with a CloudWatch Logs endpoint, checks that each log group is subscribed to onExecutionLogs', async () => {
    // Act
    const { code, byId } = await doctor({
      STATE_MACHINE_ARNS: ARN('release'),
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logsUrl,
      LOG_GROUP_NAMES: `${LOG_GROUP},/aws/vendedlogs/states/unsubscribed,/aws/vendedlogs/states/elsewhere,/aws/vendedlogs/states/typo`,
    });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    expect(byId.get(`push.subscription:${LOG_GROUP}`)).toMatchObject({ status: 'ok', detail: expect.stringContaining('-prod-onExecutionLogs') as unknown });
    expect(byId.get('push.subscription:/aws/vendedlogs/states/unsubscribed')).toMatchObject({ status: 'failed', detail: 'no subscription filter: its records reach no function' });
    expect(byId.get('push.subscription:/aws/vendedlogs/states/unsubscribed')?.fix).toContain('logGroupNames');
    expect(byId.get('push.subscription:/aws/vendedlogs/states/elsewhere')?.detail).toContain('not subscribed to onExecutionLogs (only to-splunk');
    expect(byId.get('push.subscription:/aws/vendedlogs/states/typo')).toMatchObject({ status: 'failed', detail: 'there is no log group /aws/vendedlogs/states/typo' });
  });

  it('an Express machine that logs nowhere cannot be mirrored', async () => {
    // Act
    const { code, byId } = await doctor({ STATE_MACHINE_ARNS: ARN('express-silent') });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    expect(byId.get(`stateMachine:${ARN('express-silent')}`)?.fix).toContain('level ALL');
  });

  it('a bad configuration is exit 2, with every later check skipped', async () => {
    // Act
    const { code, byId } = await doctor({ TRACKING_TABLE_NAME: undefined });

    // Assess
    expect(code).toBe(ExitCode.USAGE);
    expect(byId.get('config')).toMatchObject({ status: 'failed', detail: expect.stringContaining('TRACKING_TABLE_NAME') as unknown });
    expect([...byId.values()].filter((c) => c.id !== 'config').every((c) => c.status === 'skipped')).toBe(true);
  });
});
