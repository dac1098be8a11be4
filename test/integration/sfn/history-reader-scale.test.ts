/**
 * The cost of incremental history reading over a maximal (25,000-event) execution, counted in
 * GetExecutionHistory pages served by the stub: a full read is 25 pages, a read after a recent
 * cursor is one, and a sync of n new events costs ⌈n/1000⌉ (at least one).
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSfnClient, createSfnHistoryReader } from '../../../src/adapters/sfn/index.js';
import type { HistoryReader } from '../../../src/ports.js';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub, syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import { arnOf } from './sfn-test-kit.js';

const TOTAL = 25_000;
const recording = syntheticRecording({ events: TOTAL, executionName: 'history-limit' });
const arn = arnOf(recording);
const ascendingFrom = (first: number, last: number): number[] => Array.from({ length: last - first + 1 }, (_, i) => first + i);
let stub: SfnStub;
let client: SFNClient;
let reader: HistoryReader;

beforeAll(async () => {
  stub = await startSfnStub();
  client = createSfnClient({ region: 'eu-west-1', endpoint: stub.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  reader = createSfnHistoryReader({ client });
});
beforeEach(() => stub.resetStats());
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

describe('HistoryReader over a 25,000-event history', () => {
  it('reads the whole history in 25 pages', async () => {
    // Prepare
    stub.addExecution(recording);

    // Act
    const events = await reader.readEventsAfter(arn, 0);

    // Assess
    expect(events.map((e) => e.id)).toEqual(ascendingFrom(1, TOTAL));
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(stub.stats().pages).toBe(25);
  });

  it('reads the last 500 events after a cursor at 24,500 in one page', async () => {
    // Prepare
    stub.addExecution(recording);

    // Act
    const events = await reader.readEventsAfter(arn, 24_500);

    // Assess
    expect(events.map((e) => e.id)).toEqual(ascendingFrom(24_501, TOTAL));
    expect(stub.stats().pages).toBe(1);
  });

  it('costs ⌈new/1000⌉ pages (at least one) per sync while the execution grows', async () => {
    // Prepare
    stub.addExecution(recording, { revealed: 0 });
    const growth = [1, 0, 999, 1_000, 1_001, 37, 2_500, 0, 4_462, 15_000];
    expect(growth.reduce((a, b) => a + b, 0)).toBe(TOTAL);

    // Act
    let cursor = 0;
    const observed: { pages: number; ids: number[] }[] = [];
    for (const added of growth) {
      stub.reveal(arn, cursor + added);
      stub.resetStats();
      const events = await reader.readEventsAfter(arn, cursor);
      observed.push({ pages: stub.stats().pages, ids: events.map((e) => e.id) });
      cursor = events.at(-1)?.id ?? cursor;
    }

    // Assess
    expect(observed.map((o) => o.pages)).toEqual(growth.map((n) => Math.max(1, Math.ceil(n / 1000))));
    let expectedCursor = 0;
    for (const [i, added] of growth.entries()) {
      expect(observed[i]?.ids).toEqual(added === 0 ? [] : ascendingFrom(expectedCursor + 1, expectedCursor + added));
      expectedCursor += added;
    }
    expect(cursor).toBe(TOTAL);
  });
});
