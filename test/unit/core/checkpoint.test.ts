/**
 * Tree checkpoints: round trip, clear errors for unreadable ones, what they keep, and the size
 * budget (one DynamoDB item, 50 KB here) for a 10,000-iteration Map and a 24,000-event loop.
 */
import { describe, expect, it } from 'vitest';
import {
  buildTree,
  CheckpointFormatError,
  checkpointOf,
  parseCheckpoint,
  serializeCheckpoint,
} from '../../../src/core/build-tree.js';
import type { HistoryEvent } from '../../../src/model/execution.js';
import type { TreeCheckpoint } from '../../../src/model/tree.js';
import { loadHistory } from '../../helpers/fixtures.js';
import { longLoop, wideMap } from './support/big-histories.js';
import * as scenario from './support/scenarios.js';
import { splitAt } from './support/sync.js';

const BUDGET_BYTES = 50 * 1024;

function checkpointSizes(events: readonly HistoryEvent[], cuts: readonly number[]): number[] {
  const sizes: number[] = [];
  let checkpoint: TreeCheckpoint | undefined;
  for (const batch of splitAt(events, cuts)) {
    const text = serializeCheckpoint(checkpointOf(buildTree(batch, checkpoint)));
    sizes.push(Buffer.byteLength(text));
    checkpoint = parseCheckpoint(text);
  }
  return sizes;
}

function pages(length: number, size: number, extra: readonly number[] = []): number[] {
  const cuts = Array.from({ length: Math.floor(length / size) }, (_, i) => (i + 1) * size);
  return [...new Set([...cuts, ...extra])].sort((a, b) => a - b);
}

describe('Function: serializeCheckpoint / parseCheckpoint', () => {
  it('round-trips a checkpoint', () => {
    // Prepare
    const checkpoint = checkpointOf(buildTree(scenario.mapUncaught().slice(0, 20)));

    // Act
    const parsed = parseCheckpoint(serializeCheckpoint(checkpoint));

    // Assess
    expect(parsed).toEqual(checkpoint);
  });

  it.each([
    ['not JSON', '{"version":1,', /not valid JSON/],
    ['not an object', '42', /not a JSON object/],
    ['of another version', '{"version":2}', /version 2 is not 1/],
    ['missing fields', '{"version":1,"cursor":3,"root":{},"runs":[]}', /are missing/],
  ])('rejects a checkpoint that is %s with a CheckpointFormatError saying what to do', (_case, text, reason) => {
    // Prepare
    const read = () => parseCheckpoint(text);

    // Act
    const error = (() => {
      try {
        read();
        return undefined;
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(CheckpointFormatError);
    expect((error as Error).name).toBe('CheckpointFormatError');
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toMatch(/rebuilds the tree from the first history event/);
  });
});

describe('Function: checkpointOf', () => {
  it('keeps nothing of an execution that succeeded but its runs and counters', () => {
    // Prepare
    const tree = buildTree(loadHistory('a'));

    // Act
    const checkpoint = checkpointOf(tree);

    // Assess
    expect(checkpoint.nodes).toEqual([]);
    expect(checkpoint.runs.map((r) => r.status)).toEqual(['SUCCEEDED']);
    expect(checkpoint.cursor).toBe(17);
    expect(checkpoint.root.visitCounts).toEqual({ PrepareBuild: 1, RunBuild: 1, DeployService: 1, Done: 1 });
  });

  it('keeps the visits a redrive may reopen after a failed run', () => {
    // Prepare
    const tree = buildTree(loadHistory('e').slice(0, 13));

    // Act
    const checkpoint = checkpointOf(tree);

    // Assess
    expect(checkpoint.nodes.map((n) => n.id)).toEqual(['v9']);
    expect(checkpoint.reopenable).toEqual(['v9']);
  });

  it('keeps the open Map, its running iterations and the failed part of its attempt', () => {
    // Prepare
    const events = scenario.mapUncaught();
    const beforeExecutionFailed = events.slice(0, -1);

    // Act
    const checkpoint = checkpointOf(buildTree(beforeExecutionFailed));

    // Assess
    expect(checkpoint.nodes.map((n) => `${n.id} ${n.status}`)).toEqual([
      'v2 RUNNING',
      'v2.a1.i0 ABORTED',
      'v2.a1.i1 ABORTED',
      'v2.a1.i2 FAILED',
      'v2.a1.i3 ABORTED',
      'v2.a1.i0.v8 ABORTED',
      'v2.a1.i1.v9 ABORTED',
      'v2.a1.i2.v10 FAILED',
      'v2.a1.i3.v11 ABORTED',
    ]);
  });

  it('drops finished iterations but keeps their last events on the Map for the next ones', () => {
    // Prepare
    const events = scenario.sequentialMap(3);
    const afterFirstIteration = events.slice(0, 7);

    // Act
    const checkpoint = checkpointOf(buildTree(afterFirstIteration));

    // Assess
    expect(checkpoint.nodes.map((n) => n.id)).toEqual(['v2']);
    expect(checkpoint.scope).toContainEqual([6, '', 'v2', 0]);
    expect(checkpoint.scope).toContainEqual([3, '', 'v2', 1]);
  });

  it('is not changed by a build that continues from it', () => {
    // Prepare
    const events = scenario.mapRetry();
    const checkpoint = checkpointOf(buildTree(events.slice(0, 15)));
    const before = structuredClone(checkpoint);

    // Act
    buildTree(events.slice(15), checkpoint);

    // Assess
    expect(checkpoint).toEqual(before);
  });

  it('stays under 50 KB at every batch boundary of a 10,000-iteration Map with 40 concurrent iterations', () => {
    // Prepare
    const events = wideMap(10_000, 40);
    const cuts = pages(events.length, 1000, [7, 4_321, 20_001, 39_999]);

    // Act
    const sizes = checkpointSizes(events, cuts);

    // Assess
    expect(events.length).toBeGreaterThan(40_000);
    expect(sizes).toHaveLength(cuts.length + 1);
    expect(Math.max(...sizes)).toBeLessThan(BUDGET_BYTES);
  });

  it('stays under 50 KB at every batch boundary of a 24,000-event polling loop', () => {
    // Prepare
    const events = longLoop(24_000);
    const cuts = pages(events.length, 1000, [1, 12_345, 23_999]);

    // Act
    const sizes = checkpointSizes(events, cuts);

    // Assess
    expect(events.length).toBeGreaterThanOrEqual(23_990);
    expect(Math.max(...sizes)).toBeLessThan(BUDGET_BYTES);
  });
});
