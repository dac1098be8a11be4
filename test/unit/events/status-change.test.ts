import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORDINGS_DIR } from '../../../src/local/demo-pipelines/recordings-dir.js';
import { isEventValidationError } from '../../../src/errors.js';
import { parseStatusChange } from '../../../src/events/status-change.js';
import { stateMachineOf } from '../../../src/model/execution-arn.js';

const events = JSON.parse(
  readFileSync(`${RECORDINGS_DIR}eventbridge-status-change-events.json`, 'utf8'),
) as Record<string, Record<string, unknown> & { detail: Record<string, unknown> }>;

describe('parseStatusChange', () => {
  it.each(Object.keys(events))('accepts the recorded-shape event %s and keeps only the execution to look at', (key) => {
    // Prepare
    const event = events[key]!;

    // Act
    const request = parseStatusChange(event);

    // Assess
    expect(request.executionArn).toBe(event.detail.executionArn);
    expect(request.stateMachineArn).toBe(event.detail.stateMachineArn);
    expect(stateMachineOf(request.executionArn)).toBe(event.detail.stateMachineArn);
  });

  const valid = events['a.running']!;
  const cases: Array<[string, unknown, string]> = [
    ['not an object', 'hello', '(event)'],
    ['wrong detail-type', { ...valid, 'detail-type': 'EC2 Instance State-change Notification' }, 'detail-type'],
    ['wrong source', { ...valid, source: 'aws.ec2' }, 'source'],
    ['missing detail', { ...valid, detail: undefined }, 'detail'],
    ['non-ARN execution', { ...valid, detail: { ...valid.detail, executionArn: 'my-execution' } }, 'detail.executionArn'],
    ['null status', { ...valid, detail: { ...valid.detail, status: null } }, 'detail.status'],
    ['number as ARN', { ...valid, detail: { ...valid.detail, stateMachineArn: 42 } }, 'detail.stateMachineArn'],
    ['negative redrive count', { ...valid, detail: { ...valid.detail, redriveCount: -1 } }, 'detail.redriveCount'],
  ];
  it.each(cases)('rejects %s with a clear, typed error naming the field', (_name, event, field) => {
    // Act
    let caught: unknown;
    try {
      parseStatusChange(event);
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(isEventValidationError(caught)).toBe(true);
    expect((caught as Error).message).toContain(field);
    expect((caught as Error).message).toContain('not sent to oVirt');
  });
});
