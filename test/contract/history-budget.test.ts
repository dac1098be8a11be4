/**
 * The HistoryBudget contract (the push path's share of the GetExecutionHistory quota), run
 * against the DynamoDB fixed-window counter on dynalite and against the in-memory fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_PARTITION, DynamoHistoryBudget } from '../../src/adapters/dynamo/history-budget.js';
import type { HistoryBudget } from '../../src/ports.js';
import { startDynalite } from '../../src/local/dynalite.js';
import type { RunningDynalite } from '../../src/local/dynalite.js';
import { readRow } from '../integration/dynamo/fixtures.js';
import { startTrackingTable } from '../helpers/dynalite.js';
import type { DynaliteTrackingTable } from '../helpers/dynalite.js';
import { InMemoryHistoryBudget } from '../helpers/in-memory-ports.js';

const SECOND = 1_700_000_000_000;

/** BudgetHarness makes a fresh budget allowing `perSecond` calls, on a clock the case moves. */
interface BudgetHarness {
  start(): Promise<void>;
  fresh(perSecond: number, clock: { now: number }): Promise<HistoryBudget>;
  stop(): Promise<void>;
}

function describeHistoryBudgetContract(name: string, harness: BudgetHarness): void {
  describe(`HistoryBudget contract: ${name}`, () => {
    beforeAll(() => harness.start());
    afterAll(() => harness.stop());

    it('grants the share of one second and refuses the call after it', async () => {
      const clock = { now: SECOND + 100 };
      const budget = await harness.fresh(5, clock);
      const answers = [];
      for (let i = 0; i < 6; i += 1) answers.push(await budget.take());
      expect(answers).toEqual([true, true, true, true, true, false]);
    });

    it('grants exactly the share to concurrent callers', async () => {
      const budget = await harness.fresh(5, { now: SECOND + 200 });
      const answers = await Promise.all(Array.from({ length: 12 }, () => budget.take()));
      expect(answers.filter(Boolean)).toHaveLength(5);
    });

    it('gives a fresh share in the next second, and none was carried over', async () => {
      const clock = { now: SECOND + 999 };
      const budget = await harness.fresh(2, clock);
      await budget.take();
      await budget.take();
      expect(await budget.take()).toBe(false);
      clock.now = SECOND + 1000;
      expect([await budget.take(), await budget.take(), await budget.take()]).toEqual([true, true, false]);
    });

    it('refuses everything when the share is 0 (the push path never reads history)', async () => {
      const budget = await harness.fresh(0, { now: SECOND });
      expect(await budget.take()).toBe(false);
    });
  });
}

let server: RunningDynalite | undefined;
const tables: DynaliteTrackingTable[] = [];
describeHistoryBudgetContract('DynamoHistoryBudget on dynalite', {
  start: async () => {
    server = await startDynalite();
  },
  // A table of its own per case (on one server), so no case sees another's counters.
  fresh: async (perSecond, clock) => {
    if (server === undefined) throw new Error('dynalite is started before the first case.');
    const table = await startTrackingTable({ endpoint: server.endpoint });
    tables.push(table);
    return new DynamoHistoryBudget({ client: table.client, tableName: table.tableName, perSecond, now: () => clock.now });
  },
  stop: async () => {
    await Promise.all(tables.map((t) => t.stop()));
    await server?.stop();
  },
});

describeHistoryBudgetContract('InMemoryHistoryBudget', {
  start: () => Promise.resolve(),
  fresh: (perSecond, clock) => Promise.resolve(new InMemoryHistoryBudget(perSecond, () => clock.now)),
  stop: () => Promise.resolve(),
});

describe('DynamoHistoryBudget rows', () => {
  let own: DynaliteTrackingTable;
  beforeAll(async () => {
    own = await startTrackingTable();
  });
  afterAll(() => own.stop());

  it('keeps one counter row per second that the table TTL removes a few minutes later', async () => {
    const budget = new DynamoHistoryBudget({ client: own.client, tableName: own.tableName, perSecond: 3, now: () => SECOND + 5 });
    await budget.take();
    await budget.take();
    const row = await readRow(own, BUDGET_PARTITION, `second#${SECOND / 1000}`);
    expect(row).toMatchObject({ calls: 2, expiresAt: SECOND / 1000 + 300 });
  });
});
