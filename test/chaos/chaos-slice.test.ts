/**
 * The deterministic slice of the chaos suite that runs in `npm test`: 60 randomized schedules
 * from a fixed seed over the real handlers, dynalite, the engine simulator and the Step
 * Functions stub (the full run is `npm run test:chaos`, 10,000 schedules by default). A
 * violation names the seed and path that replay it:
 * `npm run test:chaos -- --seed <seed> --path <path> --workers 1 --schedules 1 --trace`.
 */
import { describe, expect, it } from 'vitest';
import { runChaosWorker } from '../helpers/chaos/chaos-worker.js';
import { totalViolations } from '../helpers/chaos/figures.js';

const SLICE_SEED = 20_251_123;
const SLICE_SCHEDULES = 60;

describe('chaos slice', () => {
  it(`keeps every invariant over ${SLICE_SCHEDULES} schedules of seed ${SLICE_SEED}`, async () => {
    // Prepare
    const options = { seed: SLICE_SEED, schedules: SLICE_SCHEDULES, label: 'slice' };

    // Act
    const report = await runChaosWorker(options);

    // Assess
    const failure = report.failure;
    expect(failure, failure && `seed=${failure.seed} path=${failure.path}\n${failure.error}\n${JSON.stringify(failure.schedule)}`).toBeUndefined();
    expect(totalViolations(report.figures)).toBe(0);
    expect(report.figures.schedules).toBe(SLICE_SCHEDULES);
    // The slice is only worth something if the faults really happened.
    expect(report.figures.crashes).toBeGreaterThan(0);
    expect(report.figures.duplicateDeliveries).toBeGreaterThan(0);
    expect(report.figures.lostEvents).toBeGreaterThan(0);
    expect(Object.keys(report.figures.faultsFired).length).toBeGreaterThan(5);
  }, 120_000);
});
