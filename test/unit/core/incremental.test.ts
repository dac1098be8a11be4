/**
 * The incremental property: for any history and any split of its events into consecutive
 * batches, syncing batch by batch (checkpoint serialized and parsed back in between, desired
 * state and plan applied to an in-memory oVirt after every batch) ends in the same oVirt
 * objects — same keys, descriptions, parents and statuses — as syncing all events at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredContext } from '../../../src/core/desired.js';
import { parseParallelBranches } from '../../../src/core/desired.js';
import type { HistoryEvent } from '../../../src/model/execution.js';
import { DEFAULT_MAPPING } from '../../../src/model/mapping.js';
import type { FixtureName } from '../../helpers/fixtures.js';
import { FIXTURES, loadDefinition, loadHistory } from '../../helpers/fixtures.js';
import { wideMap } from './support/big-histories.js';
import * as scenario from './support/scenarios.js';
import { splitAt, syncInBatches } from './support/sync.js';

const mapRuns = new Map([
  [
    scenario.MAP_RUN_ARN,
    { mapRunArn: scenario.MAP_RUN_ARN, status: 'SUCCEEDED', itemCounts: { total: 120, succeeded: 120 }, executionCounts: {} },
  ],
]);

/** A small iteration cap so that the summary steps are exercised too. */
const mapping = { ...DEFAULT_MAPPING, maxMapIterations: 2 };

function fixtureContext(name: FixtureName): DesiredContext {
  const fixture = FIXTURES[name];
  return { ...fixture, mapping, parallelBranches: parseParallelBranches(loadDefinition(name)) };
}

const syntheticContext: DesiredContext = {
  executionArn: 'arn:aws:states:eu-west-1:482913557106:execution:synthetic:run-1',
  stateMachineName: 'synthetic',
  executionName: 'run-1',
  mapping,
  mapRuns,
};

const HISTORIES: ReadonlyArray<[string, HistoryEvent[], DesiredContext]> = [
  ...(['a', 'b', 'c', 'd', 'e'] as const).map((name): [string, HistoryEvent[], DesiredContext] => [
    `fixture ${name}`,
    loadHistory(name),
    fixtureContext(name),
  ]),
  ...Object.entries({
    loop: scenario.loop(5),
    retrySucceeds: scenario.retrySucceeds(),
    caughtFailure: scenario.caughtFailure(),
    mapRetry: scenario.mapRetry(),
    mapCaught: scenario.mapCaught(),
    mapUncaught: scenario.mapUncaught(),
    mapRedriven: scenario.mapRedriven(),
    parallelRetry: scenario.parallelRetry(),
    parallelUncaught: scenario.parallelUncaught(),
    stopDuringWait: scenario.stopDuringWait(),
    timedOut: scenario.timedOut(),
    distributedMap: scenario.distributedMap(),
    redriveFresh: scenario.redriveFresh(),
    sequentialMap: scenario.sequentialMap(5),
    unknownEvents: scenario.unknownEvents(),
    failInIteration: scenario.failInIteration(),
    parallelInMap: scenario.parallelInMap(),
    wideMap: wideMap(60, 6, 11),
  }).map(([name, events]): [string, HistoryEvent[], DesiredContext] => [name, events, syntheticContext]),
];

describe('Property: incremental sync', () => {
  it.each(HISTORIES)('mirrors %s the same whatever the batches', (_name, events, ctx) => {
    // Prepare
    const whole = syncInBatches([events], ctx);
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: events.length - 1 }), { minLength: 1, maxLength: 12 });

    // Act
    const check = fc.property(cuts, (positions) => {
      const batched = syncInBatches(splitAt(events, [...positions].sort((a, b) => a - b)), ctx);
      return batched.leftovers === 0 && JSON.stringify(batched.mirror.outcome()) === JSON.stringify(whole.mirror.outcome());
    });

    // Assess
    expect(whole.leftovers).toBe(0);
    expect(whole.mirror.objects.size).toBeGreaterThan(1);
    fc.assert(check, { seed: 20250314, numRuns: 200 });
  });

  it('mirrors one event at a time the same as all at once', () => {
    // Prepare
    const runs = HISTORIES.map(([, events, ctx]) => [events, ctx] as const);

    // Act
    const pairs = runs.map(([events, ctx]) => [
      JSON.stringify(syncInBatches(events.map((e) => [e]), ctx).mirror.outcome()),
      JSON.stringify(syncInBatches([events], ctx).mirror.outcome()),
    ]);

    // Assess
    for (const [oneByOne, atOnce] of pairs) expect(oneByOne).toBe(atOnce);
  });
});
