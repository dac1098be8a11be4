/**
 * pushedContinuation and pushedDescription: when pushed log records stand in for a history read
 * and for DescribeExecution, and what they say.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionMeta } from '../../../src/ports.js';
import type { PushedEvent, PushedEvents } from '../../../src/reconcile/deps.js';
import { pushedContinuation, pushedDescription } from '../../../src/reconcile/pushed-events.js';

const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:release:release-42';
const T0 = 1_741_943_702_000;

function event(id: number, type: string, redriveCount = 0, details?: PushedEvent['details']): PushedEvent {
  return { id, previousEventId: id - 1, timestamp: T0 + id, type, redriveCount, details };
}
function pushed(events: PushedEvent[]): PushedEvents {
  return { events, redriveCount: Math.max(0, ...events.map((e) => e.redriveCount)), use: { saved: 0, spent: 0 } };
}
function meta(overrides: Partial<ExecutionMeta> = {}): ExecutionMeta {
  return { executionArn: ARN, cursor: 0, redriveCount: 0, open: false, requests: 0, ...overrides };
}

describe('pushedContinuation', () => {
  const run = pushed([event(4, 'TaskStateEntered'), event(5, 'TaskScheduled'), event(6, 'TaskStarted')]);

  it('gives the events after the cursor when they continue it', () => {
    expect(pushedContinuation(run, 3, undefined)?.map((e) => e.id)).toEqual([4, 5, 6]);
    expect(pushedContinuation(run, 4, undefined)?.map((e) => e.id)).toEqual([5, 6]);
  });

  it('gives nothing new for records already applied (a duplicate delivery)', () => {
    expect(pushedContinuation(run, 6, undefined)).toEqual([]);
  });

  it('asks for a history read when there is a gap before or inside the records', () => {
    expect(pushedContinuation(run, 2, undefined)).toBeUndefined();
    expect(pushedContinuation(pushed([event(4, 'A'), event(6, 'B')]), 3, undefined)).toBeUndefined();
  });

  it('asks for the next history page when a forward read is under way and nothing pushed goes past it', () => {
    expect(pushedContinuation(run, 6, 'token-2')).toBeUndefined();
    expect(pushedContinuation(run, 3, 'token-2')?.map((e) => e.id)).toEqual([4, 5, 6]);
  });
});

describe('pushedDescription', () => {
  it('describes a running Standard execution from its ARN and ExecutionStarted', () => {
    expect(pushedDescription(meta(), pushed([event(1, 'ExecutionStarted'), event(2, 'PassStateEntered')]))).toEqual({
      executionArn: ARN,
      stateMachineArn: 'arn:aws:states:eu-west-1:482913557106:stateMachine:release',
      name: 'release-42',
      status: 'RUNNING',
      startDate: T0 + 1,
      redriveCount: 0,
    });
  });

  it('takes the start from the meta row when ExecutionStarted is not among the records', () => {
    expect(pushedDescription(meta({ cursor: 3, startDate: 5, status: 'RUNNING' }), pushed([event(4, 'TaskStateEntered')]))).toMatchObject({
      startDate: 5,
      status: 'RUNNING',
    });
  });

  it('says the run ended as its terminal record says, with its stop date and error', () => {
    const end = event(9, 'ExecutionFailed', 0, { error: 'Boom', cause: 'went wrong' });

    expect(pushedDescription(meta({ startDate: 5 }), pushed([event(8, 'FailStateEntered'), end]))).toMatchObject({
      status: 'FAILED',
      stopDate: T0 + 9,
      error: 'Boom',
      cause: 'went wrong',
    });
  });

  it('a redrive: the earlier run\'s end does not end the redriven run', () => {
    const records = [event(13, 'ExecutionFailed', 0), event(14, 'ExecutionRedriven', 1, { redriveCount: 1 }), event(15, 'TaskStateEntered', 1)];

    const redriven = pushedDescription(meta({ startDate: 5, status: 'FAILED', redriveCount: 0 }), pushed(records));
    expect(redriven).toMatchObject({ status: 'RUNNING', redriveCount: 1 });
    expect(redriven?.stopDate).toBeUndefined();
    expect(pushedDescription(meta({ startDate: 5 }), pushed([...records, event(16, 'ExecutionSucceeded', 1)]))).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
    });
  });

  it('keeps the ended status of the meta row for late duplicates of the same run', () => {
    expect(pushedDescription(meta({ startDate: 5, status: 'SUCCEEDED', cursor: 20 }), pushed([event(4, 'TaskStateEntered')]))).toMatchObject({
      status: 'SUCCEEDED',
    });
  });

  it('leaves it to DescribeExecution when the start is unknown, or for a Map Run child or an Express execution', () => {
    expect(pushedDescription(meta(), pushed([event(4, 'TaskStateEntered')]))).toBeUndefined();
    const child = 'arn:aws:states:eu-west-1:482913557106:execution:release/Fanout:7c1e';
    expect(pushedDescription(meta({ executionArn: child, startDate: 5 }), pushed([event(1, 'ExecutionStarted')]))).toBeUndefined();
    const express = 'arn:aws:states:eu-west-1:482913557106:express:thumbnails:resize-42:0b7e5f0a-3c1d-4e8b-9f2a-6d4c8b1e2f3a';
    expect(pushedDescription(meta({ executionArn: express }), pushed([event(1, 'ExecutionStarted')]))).toBeUndefined();
  });
});
