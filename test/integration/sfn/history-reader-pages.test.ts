/**
 * readPage over the Step Functions stub: a 2,500-event history read forward one page at a
 * time with the real paging tokens, and a refused token surfacing as InvalidToken.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSfnHistoryReader } from '../../../src/adapters/sfn/index.js';
import { StepFunctionsError } from '../../../src/errors.js';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub, syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import type { HistoryReader } from '../../../src/ports.js';
import { arnOf, sdkClient } from './sfn-test-kit.js';

const TOTAL = 2_500;
const recording = syntheticRecording({ events: TOTAL, executionName: 'forward-pages' });
let stub: SfnStub;
let client: SFNClient;
let reader: HistoryReader;

beforeAll(async () => {
  stub = await startSfnStub();
  stub.addExecution(recording);
  client = sdkClient(stub.url);
  reader = createSfnHistoryReader({ client });
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

describe('HistoryReader.readPage', () => {
  it('reads the history oldest first, one page per call, until a page without a token', async () => {
    // Prepare
    stub.resetStats();
    const pages: number[][] = [];
    let token: string | undefined;

    // Act
    do {
      const page = await reader.readPage(arnOf(recording), token);
      pages.push(page.events.map((event) => event.id));
      token = page.nextToken;
    } while (token !== undefined && pages.length < 10);

    // Assess
    expect(pages.map((ids) => ids.length)).toEqual([1000, 1000, TOTAL - 2000]);
    expect(pages.flat()).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(stub.stats().pages).toBe(pages.length);
  });

  it('refuses a token it did not issue with a StepFunctionsError named InvalidToken', async () => {
    // Prepare
    const first = await reader.readPage(arnOf(recording));
    const spoiled = `${first.nextToken ?? ''}x`;

    // Act
    const error = await reader.readPage(arnOf(recording), spoiled).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(StepFunctionsError);
    expect((error as StepFunctionsError).awsName).toBe('InvalidToken');
  });
});
