/**
 * The stub's GetExecutionHistory through the real SDK: every page size, both orders, the
 * default page size, execution data, and every misuse of nextToken.
 */
import type { GetExecutionHistoryCommandInput, HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SfnRecording, SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub, syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import { arnOf, caught, recordings, sdkClient } from './sfn-test-kit.js';

let stub: SfnStub;
let client: SFNClient;
const fixtures = recordings();
const long = syntheticRecording({ events: 2_345, executionName: 'paging-2345' });

beforeAll(async () => {
  stub = await startSfnStub();
  client = sdkClient(stub.url);
  for (const rec of [...Object.values(fixtures), long]) stub.addExecution(rec);
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

async function readAll(input: GetExecutionHistoryCommandInput): Promise<{ ids: number[]; pages: HistoryEvent[][] }> {
  const pages: HistoryEvent[][] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ ...input, nextToken }));
    pages.push(page.events ?? []);
    nextToken = page.nextToken;
  } while (nextToken !== undefined && pages.length <= 5_000);
  return { ids: pages.flat().map((e) => e.id ?? -1), pages };
}

const idsOf = (rec: SfnRecording): number[] => rec.events.map((e) => e.id);
const reviveDates = (rec: SfnRecording) => rec.events.map((e) => ({ ...e, timestamp: new Date(e.timestamp) }));

describe('Stub: GetExecutionHistory', () => {
  it('returns every fixture event exactly as recorded, dates included', async () => {
    for (const rec of Object.values(fixtures)) {
      // Act
      const { pages } = await readAll({ executionArn: arnOf(rec), maxResults: 1000 });

      // Assess
      expect(pages).toHaveLength(1);
      expect(pages[0]).toEqual(reviveDates(rec));
    }
  });

  it('pages forward and backward with any maxResults from 1 to 1000', async () => {
    // Prepare
    const scenarios = Object.values(fixtures);

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.boolean(), fc.constantFrom(...scenarios), async (maxResults, reverseOrder, rec) => {
        // Act
        const { ids, pages } = await readAll({ executionArn: arnOf(rec), maxResults, reverseOrder });

        // Assess
        const expected = reverseOrder ? idsOf(rec).reverse() : idsOf(rec);
        expect(ids).toEqual(expected);
        expect(pages).toHaveLength(Math.ceil(expected.length / maxResults));
        expect(pages.every((page) => page.length > 0 && page.length <= maxResults)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it.each([13, 100, 999, 1000])('reads a 2,345-event history in pages of %i both ways', async (maxResults) => {
    for (const reverseOrder of [false, true]) {
      // Act
      const { ids, pages } = await readAll({ executionArn: arnOf(long), maxResults, reverseOrder });

      // Assess
      const expected = reverseOrder ? idsOf(long).reverse() : idsOf(long);
      expect(ids).toEqual(expected);
      expect(pages).toHaveLength(Math.ceil(2_345 / maxResults));
    }
  });

  it('uses 100 events per page when maxResults is absent or 0', async () => {
    for (const maxResults of [undefined, 0]) {
      // Act
      const { pages } = await readAll({ executionArn: arnOf(long), maxResults });

      // Assess
      expect(pages.map((p) => p.length)).toEqual([...Array<number>(23).fill(100), 45]);
    }
  });

  it('drops input and output when includeExecutionData is false, and only then', async () => {
    // Act
    const without = await client.send(new GetExecutionHistoryCommand({ executionArn: arnOf(fixtures.a), includeExecutionData: false }));
    const withData = await client.send(new GetExecutionHistoryCommand({ executionArn: arnOf(fixtures.a) }));

    // Assess
    const dataKeys = (events: HistoryEvent[] | undefined) =>
      (events ?? []).flatMap((e) =>
        Object.values(e as unknown as Record<string, unknown>).flatMap((v) => (typeof v === 'object' && v !== null && !(v instanceof Date) ? Object.keys(v) : [])),
      );
    expect(dataKeys(without.events)).not.toContain('input');
    expect(dataKeys(without.events)).not.toContain('output');
    expect(dataKeys(without.events)).toContain('name');
    expect(dataKeys(withData.events)).toEqual(expect.arrayContaining(['input', 'output']));
  });

  it('refuses a nextToken passed with any other argument changed, altered, or sent to another operation', async () => {
    // Prepare
    const input = { executionArn: arnOf(fixtures.c), maxResults: 5, reverseOrder: false, includeExecutionData: true };
    const first = await client.send(new GetExecutionHistoryCommand(input));
    const token = first.nextToken ?? '';
    const misuses: GetExecutionHistoryCommandInput[] = [
      { ...input, nextToken: token, reverseOrder: true },
      { ...input, nextToken: token, maxResults: 6 },
      { ...input, nextToken: token, includeExecutionData: false },
      { ...input, nextToken: token, executionArn: arnOf(fixtures.d) },
      { ...input, nextToken: `${token.slice(0, -2)}xx` },
      { ...input, nextToken: 'not-a-token' },
    ];

    // Act
    const errors = await Promise.all(misuses.map((misuse) => caught(client.send(new GetExecutionHistoryCommand(misuse)))));
    const otherOperation = await caught(
      client.send(new ListExecutionsCommand({ stateMachineArn: fixtures.c.description.stateMachineArn, nextToken: token })),
    );
    const proper = await client.send(new GetExecutionHistoryCommand({ ...input, nextToken: token }));

    // Assess
    expect(token).not.toBe('');
    expect(errors.map((e) => e.name)).toEqual(Array<string>(misuses.length).fill('InvalidToken'));
    expect(otherOperation.name).toBe('InvalidToken');
    expect(proper.events?.map((e) => e.id)).toEqual([6, 7, 8, 9, 10]);
  });

  it('answers out-of-range maxResults, bad ARNs and unknown executions with the AWS exceptions', async () => {
    // Act
    const tooLarge = await caught(client.send(new GetExecutionHistoryCommand({ executionArn: arnOf(fixtures.a), maxResults: 1001 })));
    const badArn = await caught(client.send(new GetExecutionHistoryCommand({ executionArn: 'not-an-arn' })));
    const wrongKind = await caught(client.send(new GetExecutionHistoryCommand({ executionArn: fixtures.a.description.stateMachineArn })));
    const unknown = await caught(client.send(new GetExecutionHistoryCommand({ executionArn: `${arnOf(fixtures.a)}-missing` })));

    // Assess
    expect([tooLarge.name, badArn.name, wrongKind.name, unknown.name]).toEqual([
      'ValidationException',
      'InvalidArn',
      'InvalidArn',
      'ExecutionDoesNotExist',
    ]);
    expect(unknown.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(unknown.message).toContain('-missing');
  });
});
