/**
 * The Step Functions adapter (HistoryReader) with the real SDK against the stub: every port
 * method, execution data never kept, definition caching, and Map Run and RUNNING listings.
 * Failures are in history-reader-failures.test.ts.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSfnClient, createSfnHistoryReader } from '../../../src/adapters/sfn/index.js';
import type { HistoryReader } from '../../../src/ports.js';
import type { SfnRecording, SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub, syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import { FIXTURE_DIR, arnOf, recordings } from './sfn-test-kit.js';

let stub: SfnStub;
let client: SFNClient;
let reader: HistoryReader;
const fixtures = recordings();
const LOOP_MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:many-loops';
const MAP_RUN = 'arn:aws:states:eu-west-1:123456789012:mapRun:many-loops/Items:0d4c1f7a-3b2e-4a59-8e61-9f0b7c2d5e14';
const running = Array.from({ length: 1_050 }, (_, i) =>
  syntheticRecording({ events: 3, terminal: false, stateMachineName: 'many-loops', executionName: `run-${i}`, startDate: Date.UTC(2025, 0, 1) + i * 1000 }),
);
const finished = syntheticRecording({ events: 3, stateMachineName: 'many-loops', executionName: 'done', startDate: Date.UTC(2025, 5, 1) });
const withMapRun: SfnRecording = {
  ...finished,
  mapRuns: {
    [MAP_RUN]: {
      status: 'SUCCEEDED',
      startDate: Date.UTC(2025, 5, 1),
      itemCounts: { pending: 0, running: 0, succeeded: 12, failed: 0, timedOut: 0, aborted: 0, total: 12, resultsWritten: 12 },
      executionCounts: { pending: 0, running: 0, succeeded: 3, failed: 0, timedOut: 0, aborted: 0, total: 3, resultsWritten: 3 },
    },
  },
};

beforeAll(async () => {
  stub = await startSfnStub();
  client = createSfnClient({ region: 'eu-west-1', endpoint: stub.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  reader = createSfnHistoryReader({ client });
  for (const rec of [...Object.values(fixtures), ...running, withMapRun]) stub.addExecution(rec);
});
afterEach(() => {
  stub.clearFaults();
  stub.resetStats();
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

describe('HistoryReader over Step Functions: reading', () => {
  it('describes an execution with epoch-ms dates and the redrive, and keeps no input or output', async () => {
    // Act
    const description = await reader.describeExecution(arnOf(fixtures.e));

    // Assess
    expect(description).toEqual({
      executionArn: arnOf(fixtures.e),
      stateMachineArn: fixtures.e.description.stateMachineArn,
      name: 'release-2025-03-14-0142',
      status: 'SUCCEEDED',
      startDate: Date.parse('2025-03-14T10:02:11.204Z'),
      stopDate: Date.parse('2025-03-14T12:09:12.795Z'),
      error: undefined,
      cause: undefined,
      redriveCount: 1,
      redriveDate: Date.parse('2025-03-14T12:07:40.115Z'),
      mapRunArn: undefined,
    });
    expect(JSON.stringify(description)).not.toContain('approvedBy');
  });

  it('reaches the stub through AWS_ENDPOINT_URL_SFN when no endpoint is given', async () => {
    // Prepare
    process.env['AWS_ENDPOINT_URL_SFN'] = stub.url;
    const envClient = createSfnClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

    // Act
    const description = await createSfnHistoryReader({ client: envClient })
      .describeExecution(arnOf(fixtures.b))
      .finally(() => {
        delete process.env['AWS_ENDPOINT_URL_SFN'];
        envClient.destroy();
      });

    // Assess
    expect(description).toMatchObject({ status: 'FAILED', error: 'IntegrationTestsFailed' });
    expect(stub.stats().calls).toEqual({ DescribeExecution: 1 });
  });

  it('reads whole fixture histories in one page each, ascending, without execution data', async () => {
    for (const rec of Object.values(fixtures)) {
      // Prepare
      stub.resetStats();

      // Act
      const events = await reader.readEventsAfter(arnOf(rec), 0);

      // Assess
      expect(events.map((e) => [e.id, e.type, e.timestamp])).toEqual(rec.events.map((e) => [e.id, e.type, Date.parse(String(e.timestamp))]));
      expect(JSON.stringify(events)).not.toMatch(/"(input|output|parameters)"/);
      expect(stub.stats().pages).toBe(1);
    }
  });

  it('reads only the events after the cursor, and one page when there is nothing new', async () => {
    // Act
    const newer = await reader.readEventsAfter(arnOf(fixtures.c), 20);
    const nothing = await reader.readEventsAfter(arnOf(fixtures.c), 37);

    // Assess
    expect(newer.map((e) => e.id)).toEqual(Array.from({ length: 17 }, (_, i) => 21 + i));
    expect(newer.find((e) => e.type === 'MapIterationSucceeded')?.details).toEqual({ name: 'DeployToRegions', index: 2 });
    expect(nothing).toEqual([]);
    expect(stub.stats().pages).toBe(2);
  });

  it('parses the definition once per execution and shares it between executions of one revision', async () => {
    // Prepare
    const definitions = JSON.parse(readFileSync(`${FIXTURE_DIR}state-machine-definitions.json`, 'utf8')) as Record<string, { definition: unknown }>;

    // Act
    const first = await reader.describeDefinition(arnOf(fixtures.d));
    const again = await reader.describeDefinition(arnOf(fixtures.d));
    const siblingA = await reader.describeDefinition(arnOf(running[0] ?? finished));
    const siblingB = await reader.describeDefinition(arnOf(running[1] ?? finished));

    // Assess
    expect(first.definition).toEqual(definitions[fixtures.d.description.stateMachineArn]?.definition);
    expect(first.revisionId).toMatch(/^[0-9a-f]{32}$/);
    expect(again).toBe(first);
    expect(siblingB).toBe(siblingA);
    expect(stub.stats().calls).toEqual({ DescribeStateMachineForExecution: 3 });
  });

  it('summarises a Map Run with its counts', async () => {
    // Act
    const summary = await reader.describeMapRun(MAP_RUN);

    // Assess
    expect(summary).toEqual({
      mapRunArn: MAP_RUN,
      status: 'SUCCEEDED',
      itemCounts: { pending: 0, running: 0, succeeded: 12, failed: 0, timedOut: 0, aborted: 0, total: 12, resultsWritten: 12 },
      executionCounts: { pending: 0, running: 0, succeeded: 3, failed: 0, timedOut: 0, aborted: 0, total: 3, resultsWritten: 3 },
    });
  });

  it('lists RUNNING executions newest first up to the limit, paging past 1000', async () => {
    // Act
    const few = await reader.listRunning(LOOP_MACHINE, 3);
    const callsForFew = stub.stats().calls['ListExecutions'];
    const many = await reader.listRunning(LOOP_MACHINE, 1_040);
    const all = await reader.listRunning(LOOP_MACHINE, 5_000);

    // Assess
    expect(few).toEqual(['run-1049', 'run-1048', 'run-1047'].map((name) => `arn:aws:states:eu-west-1:123456789012:execution:many-loops:${name}`));
    expect(callsForFew).toBe(1);
    expect(many).toHaveLength(1_040);
    expect(all).toHaveLength(1_050);
    expect(new Set(all).size).toBe(1_050);
    expect(all).not.toContain(arnOf(finished));
    expect(stub.stats().calls['ListExecutions']).toBe(5);
  });
});
