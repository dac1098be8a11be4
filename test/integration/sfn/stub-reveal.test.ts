/**
 * Progressive reveal: DescribeExecution and the history follow the revealed events, and every
 * derived status change is emitted as the EventBridge event AWS would send (compared with the
 * recorded events, minus the per-delivery id and the execution data the stub never sends).
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SfnStatusChangeEvent, SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub, statusChangeEvent } from '../../../src/local/sfn-stub/index.js';
import { arnOf, caught, fixtureStatusEvents, recordings, sdkClient } from './sfn-test-kit.js';

let stub: SfnStub;
let client: SFNClient;
let received: SfnStatusChangeEvent[];
const fixtures = recordings();
const recorded = fixtureStatusEvents();

/** comparable drops what differs per emission (id) and the execution data the stub never sends. */
const comparable = (event: SfnStatusChangeEvent | undefined) => {
  if (event === undefined) return undefined;
  const { input: _input, output: _output, inputDetails: _in, outputDetails: _out, ...detail } = event.detail;
  const { id: _id, ...envelope } = event;
  return { ...envelope, detail };
};
const statusOf = async (executionArn: string) => (await client.send(new DescribeExecutionCommand({ executionArn }))).status;

beforeAll(async () => {
  stub = await startSfnStub();
  client = sdkClient(stub.url);
  stub.onStatusChange((event) => received.push(event));
});
beforeEach(() => {
  received = [];
  for (const rec of Object.values(fixtures)) stub.addExecution(rec, { revealed: 0 });
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

describe('Stub: progressive reveal', () => {
  it('plays the redrive of (e) step by step: RUNNING → FAILED → RUNNING (redriveCount 1) → SUCCEEDED', async () => {
    // Prepare
    const arn = arnOf(fixtures.e);
    const steps: [number, string][] = [[1, 'RUNNING'], [12, 'RUNNING'], [13, 'FAILED'], [14, 'RUNNING'], [23, 'RUNNING'], [24, 'SUCCEEDED']];
    const before = await caught(statusOf(arn));

    // Act
    const statuses: (string | undefined)[] = [];
    const emittedPerStep: number[] = [];
    for (const [upTo] of steps) {
      stub.reveal(arn, upTo);
      statuses.push(await statusOf(arn));
      emittedPerStep.push(received.length);
    }

    // Assess
    expect(before.name).toBe('ExecutionDoesNotExist');
    expect(statuses).toEqual(steps.map(([, status]) => status));
    expect(emittedPerStep).toEqual([1, 1, 2, 3, 3, 4]);
    expect(received.map(comparable)).toEqual(['e.running', 'e.failed', 'e.redrive-running', 'e.succeeded'].map((key) => comparable(recorded[key])));
  });

  it('emits every change crossed by one large reveal, in order', () => {
    // Act
    stub.reveal(arnOf(fixtures.e), 'all');

    // Assess
    expect(received.map((e) => [e.detail.status, e.detail.redriveCount])).toEqual([
      ['RUNNING', 0],
      ['FAILED', 0],
      ['RUNNING', 1],
      ['SUCCEEDED', 1],
    ]);
    expect(new Set(received.map((e) => e.id)).size).toBe(4);
  });

  it.each([
    ['a', 'succeeded'],
    ['b', 'failed'],
    ['c', 'succeeded'],
    ['d', 'succeeded'],
  ] as const)('emits the recorded RUNNING and %s.%s events for scenario %s', (scenario, terminal) => {
    // Act
    stub.reveal(arnOf(fixtures[scenario]), 'all');

    // Assess
    expect(received.map(comparable)).toEqual([comparable(recorded[`${scenario}.running`]), comparable(recorded[`${scenario}.${terminal}`])]);
    expect(Object.keys(received[0]?.detail ?? {})).toEqual(Object.keys(recorded[`${scenario}.running`]?.detail ?? {}));
    expect(received.every((e) => e.detail.input === null && e.detail.output === null)).toBe(true);
  });

  it('shows only revealed events, and an ascending read picks up events revealed between pages', async () => {
    // Prepare
    const arn = arnOf(fixtures.c);
    stub.reveal(arn, 12);

    // Act
    const first = await client.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 10 }));
    stub.reveal(arn, 15);
    const second = await client.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 10, nextToken: first.nextToken }));
    const newest = await client.send(new GetExecutionHistoryCommand({ executionArn: arn, reverseOrder: true, maxResults: 1 }));

    // Assess
    expect(first.events?.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(second.events?.map((e) => e.id)).toEqual([11, 12, 13, 14, 15]);
    expect(second.nextToken).toBeUndefined();
    expect(newest.events?.map((e) => e.id)).toEqual([15]);
  });

  it('lists an execution only once it has started', async () => {
    // Prepare
    const list = async () =>
      (await client.send(new ListExecutionsCommand({ stateMachineArn: fixtures.e.description.stateMachineArn }))).executions?.map((e) => e.name);

    // Act
    const beforeStart = await list();
    stub.reveal(arnOf(fixtures.e), 1);
    const afterStart = await list();

    // Assess
    expect(beforeStart).toEqual([]);
    expect(afterStart).toEqual([fixtures.e.description.name]);
  });

  it('refuses to move backwards or to reveal an unknown execution, and stops emitting after unsubscribe', () => {
    // Prepare
    const arn = arnOf(fixtures.a);
    const late: SfnStatusChangeEvent[] = [];
    const unsubscribe = stub.onStatusChange((event) => late.push(event));
    stub.reveal(arn, 5);
    unsubscribe();

    // Act
    const backwards = () => stub.reveal(arn, 3);
    const unknown = () => stub.reveal(`${arn}-missing`, 3);
    stub.reveal(arn, 'all');

    // Assess
    expect(backwards).toThrow(/only moves forward/);
    expect(unknown).toThrow(/addExecution/);
    expect(late.map((e) => e.detail.status)).toEqual(['RUNNING']);
    expect(received.map((e) => e.detail.status)).toEqual(['RUNNING', 'SUCCEEDED']);
  });
});

describe('statusChangeEvent', () => {
  it.each(['timeout.timed-out', 'abort.aborted', 'e.redrive-running'])('builds %s from a description', (key) => {
    // Prepare
    const detail = recorded[key]?.detail;
    if (detail === undefined) throw new Error(`fixture ${key} missing`);
    const description = {
      ...detail,
      stopDate: detail.stopDate ?? undefined,
      redriveDate: detail.redriveDate ?? undefined,
      error: detail.error ?? undefined,
      cause: detail.cause ?? undefined,
      stateMachineVersionArn: undefined,
      stateMachineAliasArn: undefined,
    };

    // Act
    const event = statusChangeEvent(description);

    // Assess
    expect(comparable(event)).toEqual(comparable(recorded[key]));
    expect(event.detail.inputDetails).toEqual({ included: false });
  });
});
