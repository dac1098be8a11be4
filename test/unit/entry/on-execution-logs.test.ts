/**
 * onExecutionLogs through its middy wiring: a delivery is applied and answered with its report;
 * neither the delivery (it holds execution input and output) nor a malformed record's text
 * ever reaches a log line, even with POWERTOOLS_LOGGER_LOG_EVENT=true; an undecodable delivery
 * is counted and answered, not thrown (a retry could not make it valid).
 */
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { makeOnExecutionLogsHandler } from '../../../src/entry/on-execution-logs.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { captureOutput } from '../../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../../helpers/chaos/log-capture.js';
import { fixtureRecordings } from '../../helpers/fixtures.js';
import { FakeOvirt, InMemoryHistoryBudget, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';
import { logDelivery, logRecordsOf } from '../../helpers/log-batches.js';
import { RecordingHistory } from '../../helpers/recording-history.js';

const SECRET = 'hunter2-in-the-execution-input';
const context = { functionName: 'ovirt-pipeline-jobs-test-onExecutionLogs', awsRequestId: 'req-logs', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

describe('onExecutionLogs', () => {
  let output: OutputCapture;
  const saved = process.env.POWERTOOLS_LOGGER_LOG_EVENT;
  beforeEach(() => {
    process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
    output = captureOutput({ keep: true });
  });
  afterEach(() => {
    output.restore();
    if (saved === undefined) delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
    else process.env.POWERTOOLS_LOGGER_LOG_EVENT = saved;
  });

  const handler = () => {
    const now = () => Date.parse('2025-03-15T00:00:00Z');
    const runtime = createRuntime(
      loadConfig({ TRACKING_TABLE_NAME: 't', AWS_REGION: 'eu-west-1', OVIRT_URL: 'https://engine.invalid/ovirt-engine/api', OVIRT_USERNAME: 'a@internal', OVIRT_PASSWORD: 'p', LOG_LEVEL: 'DEBUG' }),
      { store: new InMemoryTrackingStore(), ovirt: new FakeOvirt(), history: new RecordingHistory('a'), historyBudget: new InMemoryHistoryBudget(5, now), now },
    );
    return makeOnExecutionLogsHandler(runtime);
  };

  it('applies a delivery, answers its report, and logs neither the delivery nor a malformed record\'s text', async () => {
    const records = logRecordsOf(fixtureRecordings().get('a')!);
    const first = { ...records[0]!, details: { ...records[0]!.details, input: JSON.stringify({ password: SECRET }) } };
    const delivery = logDelivery([first, ...records.slice(1, 6), `{"id":"7","details":{"input":"${SECRET}"`]);

    const report = await handler()(delivery, context);

    expect(report).toMatchObject({ executions: 1, records: 6, malformed: 1, failed: 0, historyReadsSaved: 1 });
    const text = output.chunks.join('');
    expect(text).toContain('Left out log records that are not Step Functions execution records');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(delivery.awslogs.data.slice(0, 40));
  });

  it('answers an undecodable delivery with its count instead of failing (a retry would not help)', async () => {
    const report = await handler()({ awslogs: { data: Buffer.from(`not gzip ${SECRET}`).toString('base64') } }, context);

    expect(report).toMatchObject({ executions: 0, records: 0, malformed: 1 });
    const text = output.chunks.join('');
    expect(text).toContain('Ignored a CloudWatch Logs delivery that is not a valid subscription payload');
    expect(text).not.toContain(SECRET);
  });
});
