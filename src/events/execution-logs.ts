/**
 * parseExecutionLogs reads one CloudWatch Logs subscription delivery of Step Functions
 * execution logs (logging level ALL): `awslogs.data` is base64 of gzipped JSON
 * (docs/step-functions-signals.md#log-delivery); each log event's `message` is one history
 * event of one execution, in the record shape of docs/step-functions-signals.md#log-records
 * (every top-level scalar a string).
 *
 * The delivery is decoded here rather than with the Powertools parser's CloudWatch Logs schema
 * (whose decoded shape, CloudWatchLogsDecode, it keeps): that module imports zod's `z`
 * namespace object, which keeps all of zod in the bundle (454 KB instead of 97 KB) and puts the
 * function's zip over the 400 KB cold-start goal.
 *
 * Records are grouped by execution ARN, sorted by event id, duplicates (same id and timestamp: a retried
 * delivery, or the same event in two batches) dropped. A record that is not valid JSON or not
 * of that shape is counted and left out; the rest of the batch still applies. A delivery that
 * cannot be decoded at all is one malformed batch. What went wrong is described by position
 * and schema path only: a record's text holds execution input and output and is never logged.
 */
import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsDecode } from '@aws-lambda-powertools/parser/types';
import * as z from 'zod';
import { parseExecutionArn } from '../model/execution-arn.js';
import type { ExecutionLogRecord, MalformedLogRecord, ParsedLogBatch } from '../model/execution-log.js';

/** Most bytes a delivery may inflate to: CloudWatch Logs sends at most about 1 MB; more is not one of its deliveries. */
const MAX_DECODED_BYTES = 8 * 1024 * 1024;

const DeliverySchema = z.object({ awslogs: z.object({ data: z.base64().max(2 * MAX_DECODED_BYTES) }) });

/** The decoded delivery (Powertools' CloudWatchLogsDecode, with room for an empty logEvents). */
const DecodedDeliverySchema = z.object({
  messageType: z.string(),
  owner: z.string(),
  logGroup: z.string(),
  logStream: z.string(),
  subscriptionFilters: z.array(z.string()),
  logEvents: z.array(z.object({ id: z.string(), timestamp: z.number(), message: z.string() })),
}) satisfies z.ZodType<Omit<CloudWatchLogsDecode, 'logEvents'> & { logEvents: CloudWatchLogsDecode['logEvents'][number][] }>;

export type { ExecutionLogGroup, ExecutionLogRecord, MalformedLogRecord, ParsedLogBatch } from '../model/execution-log.js';

/** A history event id or other non-negative whole number, written as a string. */
const numeric = z
  .string()
  .max(20)
  .regex(/^\d+$/)
  .transform((text) => Number(text))
  .refine((value) => Number.isSafeInteger(value));

/** The Step Functions log record (docs/step-functions-signals.md#log-records). */
export const ExecutionLogRecordSchema = z.object({
  id: numeric.refine((value) => value >= 1),
  type: z.string().min(1).max(100).regex(/^[A-Za-z]+$/),
  details: z.record(z.string(), z.unknown()).optional(),
  previous_event_id: numeric,
  event_timestamp: numeric,
  execution_arn: z
    .string()
    .max(2048)
    .refine((arn) => parseExecutionArn(arn) !== undefined, 'not a Step Functions execution ARN'),
  // Records written before redrive existed may lack it: run 0.
  redrive_count: numeric.optional(),
});

/** parseExecutionLogs decodes and validates one subscription delivery. It never throws. */
export function parseExecutionLogs(event: unknown): ParsedLogBatch {
  const decoded = decodeDelivery(event);
  if ('reasons' in decoded) return { kind: 'malformed', groups: [], records: 0, malformed: [], batchReasons: decoded.reasons };
  const { messageType, logGroup, logStream, logEvents } = decoded;
  if (messageType === 'CONTROL_MESSAGE') return { kind: 'control', groups: [], records: 0, malformed: [], logGroup, logStream };
  if (messageType !== 'DATA_MESSAGE') {
    return { kind: 'malformed', groups: [], records: 0, malformed: [], batchReasons: ['messageType: unknown'], logGroup, logStream };
  }
  const malformed: MalformedLogRecord[] = [];
  // Keyed by id and timestamp: a retried delivery repeats both, while a restarted asynchronous
  // Express run reuses the ids with other timestamps, and its records must not be dropped.
  const byExecution = new Map<string, Map<string, ExecutionLogRecord>>();
  logEvents.forEach((logEvent, index) => {
    const record = parseRecord(logEvent.message);
    if ('reasons' in record) {
      malformed.push({ index, reasons: record.reasons });
      return;
    }
    const records = byExecution.get(record.executionArn) ?? new Map<string, ExecutionLogRecord>();
    const key = `${record.id}@${record.timestamp}`;
    if (!records.has(key)) records.set(key, record);
    byExecution.set(record.executionArn, records);
  });
  const groups = [...byExecution].map(([executionArn, records]) => ({
    executionArn,
    records: [...records.values()].sort((a, b) => a.id - b.id || a.timestamp - b.timestamp),
  }));
  const records = groups.reduce((sum, group) => sum + group.records.length, 0);
  return { kind: 'data', groups, records, malformed, logGroup, logStream };
}

/** decodeDelivery: base64 → gunzip → JSON → the delivery's shape, or why not. */
function decodeDelivery(event: unknown): z.infer<typeof DecodedDeliverySchema> | { reasons: string[] } {
  const envelope = DeliverySchema.safeParse(event);
  if (!envelope.success) return { reasons: reasonsOf(envelope.error) };
  let json: unknown;
  try {
    json = JSON.parse(gunzipSync(Buffer.from(envelope.data.awslogs.data, 'base64'), { maxOutputLength: MAX_DECODED_BYTES }).toString('utf8'));
  } catch (error) {
    const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    return { reasons: [tooLarge ? 'awslogs.data: inflates to more than 8 MiB' : 'awslogs.data: not gzip-compressed JSON'] };
  }
  const decoded = DecodedDeliverySchema.safeParse(json);
  return decoded.success ? decoded.data : { reasons: reasonsOf(decoded.error).map((reason) => `awslogs.data.${reason}`) };
}

function parseRecord(message: string): ExecutionLogRecord | { reasons: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return { reasons: ['not JSON'] };
  }
  const result = ExecutionLogRecordSchema.safeParse(json);
  if (!result.success) return { reasons: reasonsOf(result.error) };
  const record = result.data;
  return {
    id: record.id,
    type: record.type,
    previousEventId: record.previous_event_id,
    timestamp: record.event_timestamp,
    executionArn: record.execution_arn,
    redriveCount: record.redrive_count ?? 0,
    details: record.details,
  };
}

/** reasonsOf names each issue by path and code only: zod's messages may quote the value. */
function reasonsOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.code}`);
}
