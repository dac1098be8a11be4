/**
 * Runs the one TrackingStore contract against the DynamoDB adapter (on dynalite, one table per
 * case) and against the in-memory fake of the unit tests.
 */
import { readRow } from '../integration/dynamo/fixtures.js';
import { startDynalite } from '../../src/local/dynalite.js';
import type { RunningDynalite } from '../../src/local/dynalite.js';
import { startTrackingTable } from '../helpers/dynalite.js';
import type { DynaliteTrackingTable } from '../helpers/dynalite.js';
import { InMemoryTrackingStore } from '../helpers/in-memory-ports.js';
import { describeTrackingStoreContract } from './tracking-store/contract.js';

describeTrackingStoreContract('DynamoTrackingStore on dynalite', dynaliteHarness());
describeTrackingStoreContract('InMemoryTrackingStore', {
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
  fresh: () => {
    const store = new InMemoryTrackingStore();
    // The fake keeps one expiry per execution; a row has it if the row exists.
    const expiryOf = async (arn: string, key: string): Promise<number | undefined> => {
      const exists = key === 'meta' ? store.metas.has(arn) : (await store.getRecords(arn, [key])).has(key);
      return exists ? store.expiries.get(arn) : undefined;
    };
    return Promise.resolve({ store, expiryOf });
  },
});

function dynaliteHarness() {
  let server: RunningDynalite | undefined;
  const tables: DynaliteTrackingTable[] = [];
  return {
    start: async () => {
      server = await startDynalite();
    },
    fresh: async () => {
      if (server === undefined) throw new Error('dynalite is started before the first case.');
      const table = await startTrackingTable({ endpoint: server.endpoint });
      tables.push(table);
      const expiryOf = async (executionArn: string, objectKey: string): Promise<number | undefined> => {
        const expiresAt = (await readRow(table, executionArn, objectKey))?.expiresAt;
        return typeof expiresAt === 'number' ? expiresAt : undefined;
      };
      return { store: table.store, expiryOf };
    },
    stop: async () => {
      await Promise.all(tables.map((table) => table.stop()));
      await server?.stop();
    },
  };
}
