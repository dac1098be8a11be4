/**
 * core/express: which records the tree builder may take (gaps, give-up), restart assignment by
 * time, and the tree builder's tolerance of missing events (Express logs are best effort).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../../src/core/build-tree.js';
import { EMPTY_EXPRESS_STATE, knownStarts, MAX_HELD_BYTES, parseExpressState, runOf, serializeExpressState, takeReady } from '../../../src/core/express.js';
import type { HistoryEvent } from '../../../src/model/execution.js';
import { caughtFailure, loop, mapCaught, mapRetry, parallelRetry, parallelUncaught, retrySucceeds, stopDuringWait } from './support/scenarios.js';

const LIMITS = { gapWaitMs: 30_000, maxHeldEvents: 5 };
const event = (id: number, timestamp = id): HistoryEvent => ({ id, previousEventId: id - 1, timestamp, type: id === 1 ? 'ExecutionStarted' : 'PassStateEntered', details: { name: `S${id}` } });
const ids = (events: readonly HistoryEvent[]): number[] => events.map((e) => e.id);

describe('takeReady', () => {
  it('takes what continues the cursor and holds what follows a gap, from when the gap was first seen', () => {
    const first = takeReady(0, EMPTY_EXPRESS_STATE, [event(1), event(2), event(4), event(4)], 1_000, LIMITS);
    expect(ids(first.events)).toEqual([1, 2]);
    expect(ids(first.state.held)).toEqual([4]);
    expect(first.state.heldSince).toBe(1_000);

    const filled = takeReady(2, first.state, [event(3)], 5_000, LIMITS);
    expect(ids(filled.events)).toEqual([3, 4]);
    expect(filled.state).toMatchObject({ held: [], heldSince: undefined, missing: false });
  });

  it('gives the gap up after the wait, when too much is held, or when told to: everything held is released and marked missing', () => {
    const held = takeReady(0, EMPTY_EXPRESS_STATE, [event(3)], 0, LIMITS).state;
    expect(takeReady(0, held, [], 29_999, LIMITS).events).toEqual([]);
    expect(takeReady(0, held, [], 30_000, LIMITS)).toMatchObject({ events: [event(3)], state: { held: [], missing: true } });
    expect(takeReady(0, held, [], 1, LIMITS, true).state.missing).toBe(true);
    const many = [3, 4, 5, 6, 7, 8].map((id) => event(id));
    expect(ids(takeReady(0, EMPTY_EXPRESS_STATE, many, 0, LIMITS).events)).toEqual([3, 4, 5, 6, 7, 8]);
    const big = { ...event(3), details: { name: 'x'.repeat(MAX_HELD_BYTES) } };
    expect(takeReady(0, EMPTY_EXPRESS_STATE, [big], 0, LIMITS).state.missing).toBe(true);
  });

  it('drops records at or below the cursor (duplicates, or late after a give-up)', () => {
    expect(ids(takeReady(5, EMPTY_EXPRESS_STATE, [event(2), event(5), event(6)], 0, LIMITS).events)).toEqual([6]);
  });

  it('survives the meta row: serialized and parsed back unchanged; an unreadable state is empty and marks events missing', () => {
    const state = { ...EMPTY_EXPRESS_STATE, held: [event(4)], heldSince: 7, admitted: true, starts: [1, 9] };
    expect(parseExpressState(serializeExpressState(state))).toEqual(state);
    expect(parseExpressState('not json')).toMatchObject({ held: [], missing: true });
  });
});

describe('restarts', () => {
  it('assigns each record to the latest run started at or before it; earlier ones to the earliest run', () => {
    const starts = knownStarts([100], [event(1, 500), event(1, 100), event(3, 600)]);
    expect(starts).toEqual([100, 500]);
    expect(runOf(starts, event(2, 200))).toBe(0);
    expect(runOf(starts, event(2, 700))).toBe(1);
    expect(runOf(starts, event(2, 50))).toBe(0);
    expect(runOf([500, 100], event(2, 50))).toBe(1);
    expect(runOf([], event(2, 50))).toBe(0);
  });
});

describe('buildTree with missing events (Express logs are best effort)', () => {
  const histories = [loop(3), retrySucceeds(), caughtFailure(), mapRetry(), mapCaught(), parallelRetry(), parallelUncaught(), stopDuringWait()];

  it('never throws, and once the outcome event is applied nothing in the tree is left running', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...histories),
        fc.array(fc.nat(), { maxLength: 12 }),
        (history, dropped) => {
          const lost = new Set(dropped.map((n) => n % history.length));
          const terminal = history.length - 1;
          lost.delete(terminal);
          const kept = history.filter((_, index) => !lost.has(index));
          const tree = buildTree(kept);
          expect(tree.runs.at(-1)?.status).not.toBe('RUNNING');
          for (const node of tree.nodes.values()) expect(node.status).not.toBe('RUNNING');
        },
      ),
      { numRuns: 300 },
    );
  });
});
