/**
 * logRecordToHistoryEvent: a log record becomes exactly the HistoryEvent the history reader
 * makes of the same event, so pushed records and a history read build the same tree.
 */
import { describe, expect, it } from 'vitest';
import { logRecordToHistoryEvent } from '../../../../src/adapters/sfn/log-record-to-history-event.js';
import { parseExecutionLogs } from '../../../../src/events/execution-logs.js';
import type { ExecutionLogRecord } from '../../../../src/events/execution-logs.js';
import { FIXTURE_NAMES, fixtureRecordings, loadHistory } from '../../../helpers/fixtures.js';
import { logDelivery, logRecordsOf } from '../../../helpers/log-batches.js';

const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:release:release-42';

describe('logRecordToHistoryEvent', () => {
  it.each(FIXTURE_NAMES)('gives the history reader\'s events for every record of recording %s', (name) => {
    const records = parseExecutionLogs(logDelivery(logRecordsOf(fixtureRecordings().get(name)!))).groups[0]?.records ?? [];

    expect(records.map(logRecordToHistoryEvent)).toEqual(loadHistory(name));
  });

  it('reads numbers of details written as strings (index, length, redriveCount)', () => {
    const record: ExecutionLogRecord = {
      id: 7,
      type: 'MapIterationStarted',
      previousEventId: 6,
      timestamp: 1_741_943_702_470,
      executionArn: ARN,
      redriveCount: 1,
      details: { name: 'Deploy', index: '2', length: '12', redriveCount: '1' },
    };

    expect(logRecordToHistoryEvent(record)).toEqual({
      id: 7,
      previousEventId: 6,
      timestamp: 1_741_943_702_470,
      type: 'MapIterationStarted',
      details: { name: 'Deploy', index: 2, length: 12, redriveCount: 1 },
    });
  });

  it('keeps no execution data of the record (input, output, parameters)', () => {
    const record: ExecutionLogRecord = {
      id: 2,
      type: 'TaskStateEntered',
      previousEventId: 0,
      timestamp: 1,
      executionArn: ARN,
      redriveCount: 0,
      details: { name: 'Build', input: '{"token":"s3cr3t"}', parameters: '{"p":1}', output: 'x' },
    };

    expect(logRecordToHistoryEvent(record).details).toEqual({ name: 'Build' });
  });

  it('gives an event without details when the record has none', () => {
    const record: ExecutionLogRecord = { id: 9, type: 'MapStateSucceeded', previousEventId: 8, timestamp: 5, executionArn: ARN, redriveCount: 0 };

    expect(logRecordToHistoryEvent(record)).toEqual({ id: 9, previousEventId: 8, timestamp: 5, type: 'MapStateSucceeded', details: undefined });
  });
});
