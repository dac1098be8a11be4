/**
 * parseExecutionLogs: one CloudWatch Logs subscription delivery of Step Functions execution
 * records → records grouped by execution; malformed records and deliveries counted and
 * described without their text.
 */
import { describe, expect, it } from 'vitest';
import { parseExecutionLogs } from '../../../src/events/execution-logs.js';
import { fixtureRecordings, FIXTURES } from '../../helpers/fixtures.js';
import { logDelivery, logRecordsOf } from '../../helpers/log-batches.js';
import { encodeDeliveryText } from '../../../src/local/sfn-stub/logs/subscription-payload.js';
import type { LogRecordJson } from '../../helpers/log-batches.js';

const A = logRecordsOf(fixtureRecordings().get('a')!);
const B = logRecordsOf(fixtureRecordings().get('b')!);
const EXPRESS_ARN = 'arn:aws:states:eu-west-1:482913557106:express:thumbnails:resize-42:0b7e5f0a-3c1d-4e8b-9f2a-6d4c8b1e2f3a';
/** A value that must never reach a log line or a result: it stands for execution input. */
const SECRET = 'customer-password-hunter2';

describe('parseExecutionLogs', () => {
  it('decodes a delivery (gzip + base64) and keeps every record of the execution, ascending', () => {
    const batch = parseExecutionLogs(logDelivery(A));

    expect(batch).toMatchObject({ kind: 'data', records: A.length, malformed: [], logGroup: '/aws/vendedlogs/states/pipelines-Logs' });
    expect(batch.groups).toHaveLength(1);
    expect(batch.groups[0]?.executionArn).toBe(FIXTURES.a.executionArn);
    expect(batch.groups[0]?.records.map((r) => r.id)).toEqual(A.map((r) => Number(r.id)));
    expect(batch.groups[0]?.records[2]).toMatchObject({ id: 3, type: 'PassStateExited', previousEventId: 2, redriveCount: 0 });
  });

  it('reads a record in the exact form Step Functions writes (all scalars strings, details unwrapped)', () => {
    const record =
      '{"id":"5","type":"TaskScheduled","details":{"resourceType":"lambda","resource":"invoke","region":"eu-west-1",' +
      `"parameters":"{\\"password\\":\\"${SECRET}\\"}","timeoutInSeconds":900},"previous_event_id":"4",` +
      '"event_timestamp":"1741943702470","execution_arn":"arn:aws:states:eu-west-1:482913557106:execution:build-and-deploy:checkout-api-main-3f9d2ab",' +
      '"redrive_count":"0"}';

    const batch = parseExecutionLogs(logDelivery([record]));

    expect(batch.groups[0]?.records).toEqual([
      expect.objectContaining({ id: 5, type: 'TaskScheduled', previousEventId: 4, timestamp: 1741943702470, redriveCount: 0 }),
    ]);
  });

  it('sorts records that arrive out of order and drops duplicate ids (a retried delivery)', () => {
    const shuffled = [A[5], A[1], A[5], A[0], A[3], A[1]] as LogRecordJson[];

    const batch = parseExecutionLogs(logDelivery(shuffled));

    expect(batch.groups[0]?.records.map((r) => r.id)).toEqual([1, 2, 4, 6]);
    expect(batch.records).toBe(4);
  });

  it('keeps records of a restarted Express run: same ids as the first run, other timestamps (only identical records are duplicates)', () => {
    const first = A.slice(0, 2).map((r) => ({ ...r, execution_arn: EXPRESS_ARN }));
    const restarted = first.map((r) => ({ ...r, event_timestamp: String(Number(r.event_timestamp) + 90_000) }));

    const batch = parseExecutionLogs(logDelivery([...first, ...restarted, ...first]));

    expect(batch.groups[0]?.records.map((r) => [r.id, r.timestamp - Number(first[0]?.event_timestamp)])).toEqual([
      [1, 0],
      [1, 90_000],
      [2, Number(first[1]?.event_timestamp) - Number(first[0]?.event_timestamp)],
      [2, Number(first[1]?.event_timestamp) - Number(first[0]?.event_timestamp) + 90_000],
    ]);
  });

  it('groups a delivery that mixes executions, Standard and Express', () => {
    const express: LogRecordJson = { ...(A[0] as LogRecordJson), execution_arn: EXPRESS_ARN };

    const batch = parseExecutionLogs(logDelivery([B[0]!, A[0]!, express, B[1]!]));

    expect(batch.groups.map((g) => [g.executionArn, g.records.length])).toEqual([
      [FIXTURES.b.executionArn, 2],
      [FIXTURES.a.executionArn, 1],
      [EXPRESS_ARN, 1],
    ]);
  });

  it('leaves out malformed records, says which and why without their text, and keeps the rest', () => {
    const good = A.slice(0, 3);
    const notJson = `{"id":"4","details":{"input":"${SECRET}"`;
    const numericId = JSON.stringify({ ...A[3], id: 4, details: { input: SECRET } });
    const badArn = JSON.stringify({ ...A[4], execution_arn: `arn:aws:states:eu-west-1:1:execution:${SECRET}`, details: { input: SECRET } });
    const noType = JSON.stringify({ ...A[5], type: undefined });

    const batch = parseExecutionLogs(logDelivery([good[0]!, notJson, good[1]!, numericId, badArn, noType, good[2]!]));

    expect(batch.groups[0]?.records.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(batch.malformed).toEqual([
      { index: 1, reasons: ['not JSON'] },
      { index: 3, reasons: ['id: invalid_type'] },
      { index: 4, reasons: ['execution_arn: custom'] },
      { index: 5, reasons: ['type: invalid_type'] },
    ]);
    expect(JSON.stringify(batch.malformed)).not.toContain(SECRET);
  });

  it('refuses a delivery whose data is not base64', () => {
    const batch = parseExecutionLogs({ awslogs: { data: '%%% not base64 %%%' } });

    expect(batch).toMatchObject({ kind: 'malformed', groups: [], records: 0 });
    expect(batch.batchReasons).toEqual(['awslogs.data: invalid_format']);
  });

  it('refuses a delivery whose data is base64 but not gzip', () => {
    const batch = parseExecutionLogs({ awslogs: { data: Buffer.from(JSON.stringify({ logEvents: [] })).toString('base64') } });

    expect(batch).toMatchObject({ kind: 'malformed', groups: [] });
    expect(batch.batchReasons).toEqual(['awslogs.data: not gzip-compressed JSON']);
  });

  it('refuses gzip data that is not a subscription delivery, and an event that is not one at all', () => {
    const notDelivery = parseExecutionLogs({ awslogs: { data: encodeDeliveryText(JSON.stringify({ hello: SECRET })) } });
    expect(notDelivery.kind).toBe('malformed');
    expect(notDelivery.batchReasons).toContain('awslogs.data.messageType: invalid_type');
    expect(JSON.stringify(notDelivery)).not.toContain(SECRET);
    expect(parseExecutionLogs({ awslogs: { data: encodeDeliveryText('not json') } }).kind).toBe('malformed');
    expect(parseExecutionLogs({ source: 'aws.states' }).kind).toBe('malformed');
    expect(parseExecutionLogs(null).kind).toBe('malformed');
  });

  it('refuses a delivery that inflates to more than any CloudWatch Logs delivery (a gzip bomb)', () => {
    const bomb = encodeDeliveryText(' '.repeat(9 * 1024 * 1024));

    expect(parseExecutionLogs({ awslogs: { data: bomb } }).batchReasons).toEqual(['awslogs.data: inflates to more than 8 MiB']);
  });

  it('ignores the CONTROL_MESSAGE CloudWatch Logs sends to check the destination', () => {
    const batch = parseExecutionLogs(logDelivery(['CWL CONTROL MESSAGE: Checking health of destination Lambda function.'], { messageType: 'CONTROL_MESSAGE' }));

    expect(batch).toMatchObject({ kind: 'control', groups: [], records: 0, malformed: [] });
  });
});
