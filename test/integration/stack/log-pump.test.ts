/**
 * The log pump stands in for a CloudWatch Logs subscription: the stub logs every event it
 * reveals (Express runs included, which send no status change), ships the records in batches
 * per stream, and the pump hands each delivery to the function, duplicates included, retrying
 * failures and reporting a failing reason once. Payloads are decoded here with Node's zlib.
 */
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { thumbnailRecordings } from '../../../src/local/demo-pipelines/thumbnail-pipeline.js';
import { startSfnStub } from '../../../src/local/sfn-stub/index.js';
import type { DecodedDelivery, SfnStatusChangeEvent, SfnStub, SubscriptionPayload } from '../../../src/local/sfn-stub/index.js';
import type { LambdaInvoker } from '../../../src/local/stack/lambda-invoker.js';
import { startLogPump } from '../../../src/local/stack/log-pump.js';

let stub: SfnStub | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});

const decode = (payload: unknown): DecodedDelivery =>
  JSON.parse(gunzipSync(Buffer.from((payload as SubscriptionPayload).awslogs.data, 'base64')).toString('utf8')) as DecodedDelivery;

/** recordingInvoker keeps every delivery it is given, decoded, with the time it arrived. */
function recordingInvoker() {
  const received: Array<{ delivery: DecodedDelivery; at: number }> = [];
  const invoker: LambdaInvoker = {
    invoke: (_functionName, payload) => {
      received.push({ delivery: decode(payload), at: Date.now() });
      return Promise.resolve({});
    },
  };
  return { invoker, received };
}

describe('startLogPump with the stub', () => {
  it('delivers every revealed event of overlapping Express runs, in batches mixing runs over two streams, duplicates included', async () => {
    // Prepare
    stub = await startSfnStub({ logs: { batchMs: 20, duplicateProbability: 0.5, seed: 4 } });
    const statusEvents: SfnStatusChangeEvent[] = [];
    stub.onStatusChange((event) => statusEvents.push(event));
    const { invoker, received } = recordingInvoker();
    const pump = startLogPump({ stub, invoker, functionName: 'fn', warn: () => undefined });
    const runs = thumbnailRecordings().slice(0, 3);
    for (const run of runs) stub.addExecution(run, { revealed: 0 });
    // Act: the three runs progress side by side, a few events at a time.
    const longest = Math.max(...runs.map((run) => run.events.length));
    for (let upTo = 3; upTo < longest + 3; upTo += 3) {
      for (const run of runs) stub.reveal(run.description.executionArn, Math.min(upTo, run.events.length));
      stub.flushLogs();
    }
    stub.flushLogs();
    await pump.idle();
    pump.stop();
    // Assess
    const records = received.flatMap(({ delivery }) => delivery.logEvents.map((e) => JSON.parse(e.message) as Record<string, string>));
    const unique = new Map(records.map((r) => [`${r['execution_arn']}#${r['id']}`, r]));
    expect(unique.size).toBe(runs.reduce((sum, run) => sum + run.events.length, 0));
    expect(records.length).toBeGreaterThan(unique.size);
    expect(new Set(received.map(({ delivery }) => delivery.logStream)).size).toBe(2);
    expect(received.some(({ delivery }) => new Set(delivery.logEvents.map((e) => (JSON.parse(e.message) as Record<string, string>)['execution_arn'])).size > 1)).toBe(true);
    expect([...unique.values()].every((r) => Object.values(r).every((v) => typeof v === 'string' || (typeof v === 'object' && v !== null)))).toBe(true);
    expect(records.some((r) => JSON.stringify(r).includes('"input"') || JSON.stringify(r).includes('"output"'))).toBe(false);
    expect(statusEvents).toEqual([]);
    expect(pump.delivered()).toBe(received.length);
    expect(stub.logStats()).toMatchObject({ records: unique.size, lost: 0 });
  });

  it('delivers a revealed event within a batch interval, without flushLogs', async () => {
    // Prepare
    stub = await startSfnStub({ logs: { batchMs: 100 } });
    const { invoker, received } = recordingInvoker();
    const pump = startLogPump({ stub, invoker, functionName: 'fn', warn: () => undefined });
    const [run] = thumbnailRecordings();
    if (run === undefined) throw new Error('no thumbnail run');
    stub.addExecution(run, { revealed: 0 });
    // Act
    const revealedAt = Date.now();
    stub.reveal(run.description.executionArn, 2);
    const ids = () => received.flatMap(({ delivery }) => delivery.logEvents.map((e) => (JSON.parse(e.message) as Record<string, string>)['id']));
    while (ids().length < 2 && Date.now() - revealedAt < 2000) await new Promise((resolve) => setTimeout(resolve, 10));
    pump.stop();
    // Assess: both records (maybe in two streams' deliveries) arrived within one interval plus slack.
    expect(ids().sort()).toEqual(['1', '2']);
    expect(Math.max(...received.map(({ at }) => at)) - revealedAt).toBeLessThan(400);
  });

  it('retries a failing delivery twice and reports a failing reason once', async () => {
    // Prepare
    stub = await startSfnStub({ logs: { batchMs: 1000 } });
    let calls = 0;
    const invoker: LambdaInvoker = {
      invoke: () => {
        calls += 1;
        return Promise.reject(new Error('Function not found'));
      },
    };
    const warnings: string[] = [];
    const pump = startLogPump({ stub, invoker, functionName: 'fn', retryDelaysMs: [1, 1], warn: (m) => warnings.push(m) });
    const runs = thumbnailRecordings();
    for (const run of runs) stub.addExecution(run, { revealed: 0 });
    // Act
    for (const run of runs) {
      stub.reveal(run.description.executionArn, 'all');
      stub.flushLogs();
    }
    await pump.idle();
    pump.stop();
    // Assess
    expect(pump.failed()).toBeGreaterThan(1);
    expect(calls).toBe(pump.failed() * 3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^A log delivery of states\/image-thumbnails\/.+ failed 3 time\(s\) \(Function not found\)/);
  });
});
