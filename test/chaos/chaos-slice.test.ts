/**
 * The slice of the chaos suite that runs in `npm test`: every known-failing schedule
 * (known-failing-seeds.ts) replayed, then randomized schedules (60 in all) from a FRESH seed with every
 * fault dimension (CHAOS_SEED and CHAOS_KINDS pin them), over the real handlers, dynalite, the
 * engine simulator and the Step Functions stub (the full run is `npm run test:chaos`, 10,000
 * schedules by default). The seed is printed first; a violation names the seed, the path and
 * the exact command that replays it.
 */
import { describe, expect, it } from 'vitest';
import { runChaosWorker } from '../helpers/chaos/chaos-worker.js';
import type { WorkerReport } from '../helpers/chaos/chaos-worker.js';
import { dimensionsArgument, parseDimensions } from '../helpers/chaos/dimensions.js';
import { failuresOf, formatFailure } from '../helpers/chaos/failure-report.js';
import { brokenCounters } from '../helpers/chaos/figures.js';
import { KNOWN_FAILING_SCHEDULES } from './known-failing-seeds.js';

const SLICE_SEED = sliceSeed(process.env.CHAOS_SEED);
const SLICE_KINDS = parseDimensions(process.env.CHAOS_KINDS);
/** 60 schedules in all, as before the known list was replayed, so the slice stays as fast; never fewer than 40 fresh ones. */
const SLICE_SCHEDULES = Math.max(40, 60 - KNOWN_FAILING_SCHEDULES.length);

/** sliceSeed is CHAOS_SEED when set (a non-negative integer), else a fresh seed. */
function sliceSeed(text: string | undefined): number {
  if (text === undefined || text === '') return Date.now() % 1_000_000_000;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED must be a non-negative integer, not "${text}"; unset it for a fresh seed.`);
  return seed;
}

/** verdict is everything a failing slice must tell: each failure with its replay command, and the broken counters. */
function verdict(report: WorkerReport): string {
  const failures = failuresOf(report);
  return [
    `chaos slice seed ${SLICE_SEED}, kinds ${dimensionsArgument(SLICE_KINDS)}: ${brokenCounters(report.figures).join(', ') || 'no counter broken'}`,
    ...failures.map((failure) => formatFailure(failure)),
  ].join('\n\n');
}

describe('chaos slice', () => {
  it(`keeps every invariant over the known-failing schedules and ${SLICE_SCHEDULES} schedules of a fresh seed`, async () => {
    // Prepare
    console.log(
      `chaos slice: seed ${SLICE_SEED}, kinds ${dimensionsArgument(SLICE_KINDS)} ` +
        `(replay all: CHAOS_SEED=${SLICE_SEED} CHAOS_KINDS=${dimensionsArgument(SLICE_KINDS)} npx vitest run test/chaos/chaos-slice.test.ts)`,
    );
    const options = { seed: SLICE_SEED, schedules: SLICE_SCHEDULES, kinds: SLICE_KINDS, replays: KNOWN_FAILING_SCHEDULES, label: 'slice' };

    // Act
    const report = await runChaosWorker(options);

    // Assess
    const told = verdict(report);
    expect(report.replays?.failures ?? [], told).toEqual([]);
    expect(report.failure, told).toBeUndefined();
    expect(brokenCounters(report.figures), told).toEqual([]);
    expect(report.figures.schedules).toBe(SLICE_SCHEDULES + KNOWN_FAILING_SCHEDULES.length);
    // The slice is only worth something if the faults really happened.
    expect(report.figures.crashes).toBeGreaterThan(0);
    expect(report.figures.duplicateDeliveries).toBeGreaterThan(0);
    expect(report.figures.lostEvents).toBeGreaterThan(0);
    expect(Object.keys(report.figures.faultsFired).length).toBeGreaterThan(5);
    if (SLICE_KINDS.includes('log-batches')) expect(report.figures.logInvocations).toBeGreaterThan(0);
  }, 180_000);
});
