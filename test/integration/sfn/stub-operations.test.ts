/**
 * The stub's other operations through the real SDK: DescribeExecution (derived from the
 * events), ListExecutions, DescribeStateMachineForExecution, DescribeMapRun, and unknown ones.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SfnRecording, SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub, syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import { FIXTURE_DIR, arnOf, caught, recordings, sdkClient } from './sfn-test-kit.js';

let stub: SfnStub;
let client: SFNClient;
const fixtures = recordings();
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(`${FIXTURE_DIR}${file}`, 'utf8')) as Record<string, unknown>;
const LOOP_MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:polling-loop';
const MAP_RUN = 'arn:aws:states:eu-west-1:123456789012:mapRun:polling-loop/ProcessItems:7c2b9d0e-5a1f-4e8b-9c3d-2f6a1b0e4d57';
const loops: SfnRecording[] = [0, 1, 2, 3, 4].map((i) =>
  syntheticRecording({ events: 10 + i, executionName: `loop-${i}`, startDate: Date.UTC(2025, 2, 14, 8, i), terminal: i % 2 === 0 }),
);
const notStarted = syntheticRecording({ events: 5, executionName: 'loop-not-started', startDate: Date.UTC(2025, 2, 14, 9) });
const withMapRun: SfnRecording = {
  ...syntheticRecording({ events: 4, executionName: 'with-map-run', stateMachineName: 'map-parent' }),
  mapRuns: {
    [MAP_RUN]: {
      status: 'RUNNING',
      startDate: '2025-03-14T08:00:01.250Z',
      maxConcurrency: 40,
      toleratedFailurePercentage: 0,
      toleratedFailureCount: 0,
      itemCounts: { pending: 10, running: 5, succeeded: 85, failed: 0, timedOut: 0, aborted: 0, total: 100, resultsWritten: 85 },
      executionCounts: { pending: 0, running: 5, succeeded: 17, failed: 0, timedOut: 0, aborted: 0, total: 22, resultsWritten: 17 },
    },
  },
};

beforeAll(async () => {
  stub = await startSfnStub();
  client = sdkClient(stub.url);
  for (const rec of [...Object.values(fixtures), ...loops, withMapRun]) stub.addExecution(rec);
  stub.addExecution(notStarted, { revealed: 0 });
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

describe('Stub: DescribeExecution', () => {
  it('derives the redriven execution (e) exactly as the recorded DescribeExecution describes it', async () => {
    // Prepare
    const recorded = readJson('describe-execution-e-redriven.json');

    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: arnOf(fixtures.e) }));

    // Assess
    for (const field of ['executionArn', 'stateMachineArn', 'name', 'status', 'input', 'output', 'redriveCount', 'redriveStatus', 'redriveStatusReason']) {
      expect(described[field as keyof typeof described], field).toEqual(recorded[field]);
    }
    for (const field of ['startDate', 'stopDate', 'redriveDate'] as const) {
      expect(described[field]?.toISOString(), field).toBe(recorded[field]);
    }
  });

  it('takes error and cause of a failed execution (b) from its ExecutionFailed event', async () => {
    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: arnOf(fixtures.b) }));

    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'IntegrationTestsFailed', cause: 'Integration test suite still failing after 2 retries' });
    expect(described.stopDate?.toISOString()).toBe('2025-03-14T09:29:05.779Z');
    expect(described).toMatchObject({ redriveCount: 0, redriveStatus: 'REDRIVABLE' });
    expect(described.output).toBeUndefined();
  });

  it('says ExecutionDoesNotExist, as the SDK class, for an execution that has not started', async () => {
    // Act
    const error = await caught(client.send(new DescribeExecutionCommand({ executionArn: arnOf(notStarted) })));

    // Assess
    expect(error).toBeInstanceOf(ExecutionDoesNotExist);
    expect(error.name).toBe('ExecutionDoesNotExist');
  });
});

describe('Stub: ListExecutions', () => {
  it('lists the started executions of a state machine newest first, filtered by status, across pages', async () => {
    // Act
    const all = await client.send(new ListExecutionsCommand({ stateMachineArn: LOOP_MACHINE }));
    const running = await client.send(new ListExecutionsCommand({ stateMachineArn: LOOP_MACHINE, statusFilter: 'RUNNING' }));
    const paged: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListExecutionsCommand({ stateMachineArn: LOOP_MACHINE, maxResults: 2, nextToken }));
      paged.push(...(page.executions ?? []).map((e) => e.name ?? ''));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);

    // Assess
    expect(all.executions?.map((e) => e.name)).toEqual(['loop-4', 'loop-3', 'loop-2', 'loop-1', 'loop-0']);
    expect(all.executions?.map((e) => e.status)).toEqual(['SUCCEEDED', 'RUNNING', 'SUCCEEDED', 'RUNNING', 'SUCCEEDED']);
    expect(all.executions?.[0]?.startDate?.getTime()).toBe(Date.UTC(2025, 2, 14, 8, 4));
    expect(running.executions?.map((e) => e.name)).toEqual(['loop-3', 'loop-1']);
    expect(paged).toEqual(['loop-4', 'loop-3', 'loop-2', 'loop-1', 'loop-0']);
  });

  it('says StateMachineDoesNotExist for a state machine it has never seen', async () => {
    // Act
    const error = await caught(client.send(new ListExecutionsCommand({ stateMachineArn: `${LOOP_MACHINE}-other` })));

    // Assess
    expect(error.name).toBe('StateMachineDoesNotExist');
  });
});

describe('Stub: DescribeStateMachineForExecution', () => {
  it('returns the definition, name and role each fixture execution ran with', async () => {
    // Prepare
    const definitions = readJson('state-machine-definitions.json') as Record<string, { definition: unknown }>;

    for (const rec of Object.values(fixtures)) {
      // Act
      const output = await client.send(new DescribeStateMachineForExecutionCommand({ executionArn: arnOf(rec) }));

      // Assess
      expect(JSON.parse(output.definition ?? '')).toEqual(definitions[rec.description.stateMachineArn]?.definition);
      expect(output.stateMachineArn).toBe(rec.description.stateMachineArn);
      expect(rec.description.stateMachineArn.endsWith(`:stateMachine:${output.name}`)).toBe(true);
      expect(output.roleArn).toBe('arn:aws:iam::482913557106:role/pipeline-orchestrator-sfn-role');
      expect(output.revisionId).toMatch(/^[0-9a-f]{32}$/);
      expect(output.updateDate).toBeInstanceOf(Date);
    }
  });

  it('gives executions of one definition the same revisionId and other definitions another', async () => {
    // Act
    const [first, second, other] = await Promise.all(
      [loops[0], loops[1], fixtures.a].map((rec) => client.send(new DescribeStateMachineForExecutionCommand({ executionArn: arnOf(rec ?? fixtures.a) }))),
    );

    // Assess
    expect(first?.revisionId).toBe(second?.revisionId);
    expect(first?.revisionId).not.toBe(other?.revisionId);
  });
});

describe('Stub: DescribeMapRun and unknown operations', () => {
  it('returns a recorded Map Run with its dates and counts', async () => {
    // Act
    const output = await client.send(new DescribeMapRunCommand({ mapRunArn: MAP_RUN }));
    const missing = await caught(client.send(new DescribeMapRunCommand({ mapRunArn: `${MAP_RUN}0` })));

    // Assess
    expect(output).toMatchObject({ mapRunArn: MAP_RUN, executionArn: arnOf(withMapRun), status: 'RUNNING', maxConcurrency: 40 });
    expect(output.startDate?.toISOString()).toBe('2025-03-14T08:00:01.250Z');
    expect(output.itemCounts).toMatchObject({ succeeded: 85, total: 100 });
    expect(output.executionCounts).toMatchObject({ running: 5, total: 22 });
    expect(missing.name).toBe('ResourceNotFound');
  });

  it('answers an operation it does not implement with UnknownOperationException, over the SDK and raw HTTP', async () => {
    // Act
    const viaSdk = await caught(client.send(new StartExecutionCommand({ stateMachineArn: LOOP_MACHINE })));
    const raw = await fetch(stub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.DeleteEverything' },
      body: '{}',
    });

    // Assess
    expect(viaSdk.name).toBe('UnknownOperationException');
    expect(raw.status).toBe(400);
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await raw.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('counts calls per operation, including refused ones', async () => {
    // Prepare
    stub.resetStats();

    // Act
    await client.send(new DescribeMapRunCommand({ mapRunArn: MAP_RUN }));
    await caught(client.send(new DescribeMapRunCommand({ mapRunArn: `${MAP_RUN}0` })));
    await caught(client.send(new StartExecutionCommand({ stateMachineArn: LOOP_MACHINE })));
    const { calls, pages } = stub.stats();

    // Assess
    expect(calls).toEqual({ DescribeMapRun: 2, StartExecution: 1 });
    expect(pages).toBe(0);
  });
});
