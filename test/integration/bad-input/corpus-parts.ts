/**
 * Shared setup of the bad-input tests: the local parts with an allow-list of the corpus state
 * machine, output captured (so hostile inputs and their errors can be searched), and the
 * checks every entry shares — nothing written to oVirt, nothing asked of Step Functions.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { SimStats } from '../../../src/local/ovirt-engine/index.js';
import { TABLE_SCHEMA } from '../../../src/adapters/dynamo/rows.js';
import { captureOutput } from '../../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../../helpers/chaos/log-capture.js';
import { startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { MACHINE } from './base-event.js';

/** CorpusParts is a running set of local parts plus output capture. */
export interface CorpusParts {
  readonly parts: LocalParts;
  readonly output: OutputCapture;
  stop(): Promise<void>;
}

/** startCorpusParts starts the parts (allow-list: MACHINE, plus `machines`). */
export async function startCorpusParts(machines: readonly string[] = []): Promise<CorpusParts> {
  const output = captureOutput({ keep: true });
  try {
    const parts = await startLocalParts({ env: { STATE_MACHINE_ARNS: [MACHINE, ...machines].join(','), LOG_LEVEL: 'INFO' } });
    return {
      parts,
      output,
      stop: async () => {
        await parts.stop();
        output.restore();
      },
    };
  } catch (error) {
    output.restore();
    throw error;
  }
}

/** oVirtWrites lists the job/step write routes the engine saw (adds, ends, clears). */
export function oVirtWrites(stats: SimStats): string[] {
  return Object.entries(stats.byRoute)
    .filter(([route, count]) => route.startsWith('POST /jobs') && count > 0)
    .map(([route, count]) => `${route} ×${count}`);
}

/** sfnCalls counts the Step Functions requests the stub served. */
export function sfnCalls(parts: LocalParts): number {
  return Object.values(parts.sfn.stats().calls).reduce((sum, n) => sum + n, 0);
}

/** invoke runs the event handler and returns its outcome or the error it threw. */
export async function invoke(parts: LocalParts, event: unknown): Promise<{ value?: unknown; error?: Error }> {
  try {
    return { value: await parts.onEvent(event) };
  } catch (error) {
    return { error: error as Error };
  }
}

/** metaRow reads the meta row of an execution, if any (attribute names as stored). */
export async function metaRow(parts: LocalParts, executionArn: string): Promise<Record<string, unknown> | undefined> {
  const out = await parts.table.client.send(
    new GetItemCommand({
      TableName: parts.table.tableName,
      Key: { [TABLE_SCHEMA.partitionKey]: { S: executionArn }, [TABLE_SCHEMA.sortKey]: { S: 'meta' } },
      ConsistentRead: true,
    }),
  );
  return out.Item;
}
