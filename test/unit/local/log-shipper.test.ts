/**
 * The stub's CloudWatch Logs deliveries, decoded here with Node's zlib only (the stub and the
 * product share no decoding code): gzip + base64 round trip, record fields as strings without
 * execution data, batches mixing executions, two streams per state machine, duplicates and
 * losses drawn from the seed.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { logRecordOf } from '../../../src/local/sfn-stub/logs/log-record.js';
import { LogShipper } from '../../../src/local/sfn-stub/logs/log-shipper.js';
import type { LogShipment } from '../../../src/local/sfn-stub/logs/log-shipper.js';
import type { StubEvent } from '../../../src/local/sfn-stub/stored-execution.js';

const PREFIX = 'arn:aws:states:eu-west-1:482913557106';
const standard = (name: string) => `${PREFIX}:execution:image-thumbnails:${name}`;
const express = (name: string, uuid: string) => `${PREFIX}:express:image-thumbnails:${name}:${uuid}`;

const event = (id: number, type = 'PassStateEntered', details?: Record<string, unknown>): StubEvent => ({
  id,
  previousEventId: id - 1,
  type,
  timestampMs: 1_741_943_702_000 + id * 10,
  details,
});

const decode = (shipment: LogShipment): unknown => JSON.parse(gunzipSync(Buffer.from(shipment.payload.awslogs.data, 'base64')).toString('utf8'));
const messages = (shipment: LogShipment) => shipment.decoded.logEvents.map((e) => JSON.parse(e.message) as Record<string, unknown>);

/** logTwo logs `count` events of two executions of the same state machine, interleaved. */
function logTwo(shipper: LogShipper, count: number): [string, string] {
  const a = express('thumbnail', '0b7c3e52-1f0a-4d6e-9a51-6f1c2d3e4a5b');
  const b = express('thumbnail', '9e8d7c6b-5a49-4382-a716-152433425160');
  for (let id = 1; id <= count; id++) {
    shipper.add(logRecordOf(a, event(id), 0));
    shipper.add(logRecordOf(b, event(id), 0));
  }
  return [a, b];
}

describe('log records', () => {
  it('writes every top-level scalar as a string and leaves execution data out', () => {
    const record = logRecordOf(standard('run-1'), event(5, 'TaskScheduled', { resourceType: 'lambda', resource: 'invoke', parameters: '{"secret":1}', timeoutInSeconds: 60 }), 2);
    expect(record).toEqual({
      id: '5',
      type: 'TaskScheduled',
      details: { resourceType: 'lambda', resource: 'invoke', timeoutInSeconds: 60 },
      previous_event_id: '4',
      event_timestamp: String(1_741_943_702_050),
      execution_arn: standard('run-1'),
      redrive_count: '2',
    });
    const started = logRecordOf(standard('run-1'), event(1, 'ExecutionStarted', { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::482913557106:role/r' }), 0);
    expect(started.details).toEqual({ roleArn: 'arn:aws:iam::482913557106:role/r' });
    const exited = logRecordOf(standard('run-1'), event(3, 'PassStateExited', { name: 'Prepare', output: '{}', outputDetails: { truncated: false } }), 0);
    expect(exited.details).toEqual({ name: 'Prepare' });
  });
});

describe('LogShipper', () => {
  it('round-trips gzip + base64 into the documented delivery shape', () => {
    const shipper = new LogShipper({ seed: 7 });
    const arn = standard('run-1');
    shipper.add(logRecordOf(arn, event(1, 'ExecutionStarted', { roleArn: 'r' }), 0));
    const [shipment, ...rest] = shipper.flush();
    expect(rest).toEqual([]);
    if (shipment === undefined) throw new Error('no delivery');
    const decoded = decode(shipment);
    expect(decoded).toEqual(shipment.decoded);
    expect(decoded).toMatchObject({
      messageType: 'DATA_MESSAGE',
      owner: '482913557106',
      logGroup: '/aws/vendedlogs/states/image-thumbnails-Logs',
      subscriptionFilters: ['ovirt-pipeline-jobs'],
    });
    expect(shipment.decoded.logStream).toMatch(/^states\/image-thumbnails\/\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\/[0-9a-f]{8}$/);
    const [logEvent] = shipment.decoded.logEvents;
    expect(logEvent?.id).toMatch(/^\d{56}$/);
    expect(logEvent?.timestamp).toBe(1_741_943_702_010);
    expect(JSON.parse(logEvent?.message ?? '')).toMatchObject({ id: '1', type: 'ExecutionStarted', execution_arn: arn, redrive_count: '0' });
  });

  it('spreads one state machine over exactly two streams, each batch mixing executions, nothing lost or repeated by default', () => {
    const shipper = new LogShipper({ seed: 3 });
    const [a, b] = logTwo(shipper, 20);
    const shipments = shipper.flush();
    expect(shipments).toHaveLength(2);
    expect(new Set(shipments.map((s) => s.decoded.logStream)).size).toBe(2);
    expect(new Set(shipments.map((s) => s.decoded.logGroup)).size).toBe(1);
    for (const shipment of shipments) expect(new Set(messages(shipment).map((m) => m['execution_arn']))).toEqual(new Set([a, b]));
    const ids = (arn: string) => shipments.flatMap((s) => messages(s).filter((m) => m['execution_arn'] === arn).map((m) => Number(m['id']))).sort((x, y) => x - y);
    expect(ids(a)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(ids(b)).toEqual(ids(a));
    expect(shipper.flush()).toEqual([]);
    expect(shipper.stats()).toEqual({ records: 40, deliveries: 2, duplicated: 0, lost: 0 });
  });

  it('repeats a delivery with the next batch when asked, and keeps log event ids unique otherwise', () => {
    const shipper = new LogShipper({ seed: 11, duplicateProbability: 1 });
    logTwo(shipper, 5);
    const first = shipper.flush();
    expect(first.every((s) => !s.duplicate)).toBe(true);
    const second = shipper.flush();
    expect(second.map((s) => s.payload)).toEqual(first.map((s) => s.payload));
    expect(second.every((s) => s.duplicate)).toBe(true);
    const eventIds = first.flatMap((s) => s.decoded.logEvents.map((e) => e.id));
    expect(new Set(eventIds).size).toBe(eventIds.length);
    expect(shipper.flush()).toEqual([]);
  });

  it('loses deliveries when asked, and the same seed replays the same split and faults', () => {
    const run = (seed: number) => {
      const shipper = new LogShipper({ seed, duplicateProbability: 0.3, lossProbability: 0.3 });
      const out: string[] = [];
      for (let round = 0; round < 20; round++) {
        logTwo(shipper, 3);
        out.push(...shipper.flush().map((s) => `${s.duplicate ? 'dup ' : ''}${s.decoded.logStream}:${s.decoded.logEvents.length}`));
      }
      out.push(...shipper.flush().map((s) => `${s.duplicate ? 'dup ' : ''}${s.decoded.logStream}:${s.decoded.logEvents.length}`));
      return { out, stats: shipper.stats() };
    };
    const once = run(5);
    expect(run(5)).toEqual(once);
    expect(run(6).out).not.toEqual(once.out);
    expect(once.stats.lost).toBeGreaterThan(0);
    expect(once.stats.duplicated).toBeGreaterThan(0);
    expect(once.stats.deliveries).toBe(once.out.length);
    expect(once.out.filter((line) => line.startsWith('dup ')).length).toBe(once.stats.duplicated);
    expect(once.stats.records).toBe(120);
  });

  it('refuses a probability outside 0..1', () => {
    expect(() => new LogShipper({ lossProbability: 1.5 })).toThrow(/between 0 and 1/);
  });
});
