/**
 * The adapter's paged ListExecutions and its request pacing, with the real SDK client against
 * the Step Functions stub (what `ovirt-pipeline-jobs backfill` is built on).
 */
import { GetExecutionHistoryCommand, DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExecutions, paceCalls } from '../../../src/adapters/sfn/index.js';
import type { ListedExecution } from '../../../src/adapters/sfn/index.js';
import { startSfnStub, syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import { sdkClient } from './sfn-test-kit.js';

const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:listed';
const day = (n: number) => Date.UTC(2025, 2, n);
const finished = Array.from({ length: 5 }, (_, i) =>
  syntheticRecording({ events: 4, stateMachineName: 'listed', executionName: `done-${i}`, startDate: day(1 + i) }),
);
const running = syntheticRecording({ events: 3, terminal: false, stateMachineName: 'listed', executionName: 'still-running', startDate: day(10) });

let stub: SfnStub;
beforeAll(async () => {
  stub = await startSfnStub();
  for (const rec of [...finished, running]) stub.addExecution(rec);
});
afterAll(() => stub.stop());

async function all(pages: AsyncIterable<ListedExecution[]>): Promise<ListedExecution[]> {
  const items: ListedExecution[] = [];
  for await (const page of pages) items.push(...page);
  return items;
}

describe('listExecutions', () => {
  it('pages newest first with a status filter, with dates in epoch ms and the redrive count', async () => {
    // Prepare
    stub.resetStats();

    // Act
    const succeeded = await all(listExecutions(sdkClient(stub.url), MACHINE, { statusFilter: 'SUCCEEDED', pageSize: 2 }));
    const everything = await all(listExecutions(sdkClient(stub.url), MACHINE));

    // Assess
    expect(succeeded.map((item) => item.name)).toEqual(['done-4', 'done-3', 'done-2', 'done-1', 'done-0']);
    expect(succeeded[4]).toMatchObject({ status: 'SUCCEEDED', startDate: day(1), redriveCount: 0 });
    expect(succeeded[4]?.stopDate).toBeGreaterThan(day(1));
    expect(stub.stats().calls['ListExecutions']).toBe(4);
    expect(everything.map((item) => item.name)).toEqual(['still-running', 'done-4', 'done-3', 'done-2', 'done-1', 'done-0']);
  });

  it('stops asking for pages when the caller stops reading', async () => {
    // Prepare
    stub.resetStats();

    // Act
    for await (const page of listExecutions(sdkClient(stub.url), MACHINE, { pageSize: 2 })) if (page.length > 0) break;

    // Assess
    expect(stub.stats().calls['ListExecutions']).toBe(1);
  });

  it('says which state machine is unknown', async () => {
    const unknown = 'arn:aws:states:eu-west-1:123456789012:stateMachine:nope';
    await expect(all(listExecutions(sdkClient(stub.url), unknown))).rejects.toThrow(/ListExecutions.*nope/s);
  });
});

describe('paceCalls', () => {
  it('spaces GetExecutionHistory requests at the rate and leaves other operations alone', async () => {
    // Prepare
    const client = sdkClient(stub.url);
    const pacer = paceCalls(client, { operations: ['GetExecutionHistory'], perSecond: 20 });
    const arn = finished[0]?.description.executionArn ?? '';

    // Act
    for (let i = 0; i < 4; i += 1) await client.send(new DescribeExecutionCommand({ executionArn: arn }));
    const histories = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => client.send(new GetExecutionHistoryCommand({ executionArn: arn }))));
    const historyMs = performance.now() - histories;

    // Assess: five requests 50 ms apart take at least 200 ms; the describes were not paced.
    expect(pacer.requests).toBe(5);
    expect(historyMs).toBeGreaterThanOrEqual(195);
    expect(pacer.waitedMs).toBeGreaterThanOrEqual(4 * 50 + 3 * 50 + 2 * 50 + 50 - 20);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => paceCalls(sdkClient(stub.url), { operations: ['GetExecutionHistory'], perSecond: 0 })).toThrow(/positive/);
  });
});
