/**
 * pushedContinuation and pushedDescription: when pushed log records stand in for a history read
 * and for DescribeExecution, and what they say.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionMeta } from '../../../src/ports.js';
import type { PushedEvent, PushedEvents } from '../../../src/reconcile/deps.js';
import { heldAfterRead, pushedContinuation, pushedDescription as describeApplied, withRowHeld } from '../../../src/reconcile/pushed-events.js';
import { parseHeldEvents, serializeHeldEvents } from '../../../src/core/held-events.js';

const ARN = 'arn:aws:states:eu-west-1:482913557106:execution:release:release-42';
const T0 = 1_741_943_702_000;

function event(id: number, type: string, redriveCount = 0, details?: PushedEvent['details']): PushedEvent {
  return { id, previousEventId: id - 1, timestamp: T0 + id, type, redriveCount, details };
}
function pushed(events: PushedEvent[]): PushedEvents {
  return { events, use: { saved: 0, spent: 0 }, gapWaitMs: 5000, at: T0 };
}
/** Describes from every pushed event as applied (what a round without a gap applies). */
const pushedDescription = (m: ExecutionMeta, p: PushedEvents) => describeApplied(m, p, p.events);
const ids = (events: readonly { id: number }[] | undefined) => events?.map((e) => e.id);
function meta(overrides: Partial<ExecutionMeta> = {}): ExecutionMeta {
  return { executionArn: ARN, cursor: 0, redriveCount: 0, open: false, requests: 0, ...overrides };
}

describe('pushedContinuation', () => {
  const run = pushed([event(4, 'TaskStateEntered'), event(5, 'TaskScheduled'), event(6, 'TaskStarted')]);

  it('gives the events after the cursor when they continue it', () => {
    expect(ids(pushedContinuation(run, 3, undefined)?.events)).toEqual([4, 5, 6]);
    expect(ids(pushedContinuation(run, 4, undefined)?.events)).toEqual([5, 6]);
    expect(pushedContinuation(run, 3, undefined)?.held.events).toEqual([]);
  });

  it('gives nothing new for records already applied (a duplicate delivery)', () => {
    expect(pushedContinuation(run, 6, undefined)?.events).toEqual([]);
  });

  it('applies the part before a gap and holds the rest, since now', () => {
    const split = pushedContinuation(pushed([event(4, 'A'), event(6, 'B'), event(7, 'C')]), 3, undefined);
    expect(ids(split?.events)).toEqual([4]);
    expect(ids(split?.held.events)).toEqual([6, 7]);
    expect(split?.held.since).toBe(T0);
    expect(pushedContinuation(run, 2, undefined)).toMatchObject({ events: [], held: { since: T0 } });
  });

  it('asks for a history read once the gap was held for the gap wait, or when it would hold too much', () => {
    const rowHeld = { events: [event(6, 'B')], since: T0 - 5000 };
    expect(pushedContinuation({ ...pushed([event(6, 'B'), event(7, 'C')]), rowHeld }, 4, undefined)).toBeUndefined();
    expect(pushedContinuation({ ...pushed([event(6, 'B')]), rowHeld: { ...rowHeld, since: T0 - 4999 } }, 4, undefined)).toMatchObject({ held: { since: T0 - 4999 } });
    const many = Array.from({ length: 201 }, (_, i) => event(10 + i, 'TaskStateEntered'));
    expect(pushedContinuation(pushed(many), 3, undefined)).toBeUndefined();
  });

  it('asks for the next history page when a forward read is under way and nothing pushed goes past it', () => {
    expect(pushedContinuation(run, 6, 'token-2')).toBeUndefined();
    expect(pushedContinuation(run, 2, 'token-2')).toBeUndefined();
    expect(ids(pushedContinuation(run, 3, 'token-2')?.events)).toEqual([4, 5, 6]);
  });
});

describe('records held on the meta row', () => {
  it('are merged with the pushed ones once the lease is held (duplicates and applied ones dropped)', () => {
    const held = serializeHeldEvents({ events: [event(5, 'TaskScheduled'), event(7, 'TaskSucceeded')], since: T0 - 100 });
    const merged = withRowHeld(pushed([event(3, 'X'), event(4, 'TaskStateEntered'), event(5, 'TaskScheduled'), event(6, 'TaskStarted')]), meta({ cursor: 3, heldEvents: held }), T0);
    expect(ids(merged.events)).toEqual([4, 5, 6, 7]);
    expect(ids(pushedContinuation(merged, 3, undefined)?.events)).toEqual([4, 5, 6, 7]);
  });

  it('are cleared by a round that read history up to them; rounds without records clear what the row held', () => {
    const held = serializeHeldEvents({ events: [event(7, 'B'), event(9, 'C')], since: T0 - 100 });
    expect(heldAfterRead(meta({ heldEvents: held }), undefined, 9, T0).events).toEqual([]);
    expect(heldAfterRead(meta({ heldEvents: held }), undefined, 8, T0)).toMatchObject({ events: [{ id: 9 }], since: T0 - 100 });
    expect(parseHeldEvents(held).events.map((e) => e.redriveCount)).toEqual([0, 0]);
    expect(parseHeldEvents('not json').events).toEqual([]);
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
