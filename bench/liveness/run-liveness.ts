/**
 * runLiveness runs each fleet size through both designs — the sweep alone, and the push path
 * with the sweep as safety net — on the same seeded fleet, so the rows compare like with like.
 */
import type { ScenarioSizes } from '../scenarios/catalog.js';
import type { LivenessResult } from './simulate.js';
import { simulateLiveness } from './simulate.js';

/** LIVENESS_SIZES: the fleet sizes per benchmark size (the curve: 1,000 / 3,000 / 10,000). */
export const LIVENESS_SIZES: Readonly<Record<ScenarioSizes, readonly number[]>> = Object.freeze({
  full: [1_000, 3_000, 10_000],
  smoke: [200],
});

/** The measurement window: transitions logged in it are measured (virtual time). */
const WINDOW_MS = 180_000;
const SEED = 12;

/**
 * DESIGNS: the sweep alone, then the push path twice — each execution's records in one of the
 * two log streams, and each record in either (so one execution's records arrive split over two
 * concurrent deliveries, as the local stub and the chaos suite deliver them).
 */
const DESIGNS = [
  { mode: 'sweep', split: 'execution' },
  { mode: 'push', split: 'execution' },
  { mode: 'push', split: 'record' },
] as const;

/** runLiveness returns one result per (size, design), sweep first. */
export async function runLiveness(sizes: ScenarioSizes, say: (line: string) => void = () => undefined): Promise<LivenessResult[]> {
  const results: LivenessResult[] = [];
  for (const executions of LIVENESS_SIZES[sizes]) {
    for (const { mode, split } of DESIGNS) {
      say(`liveness ${mode} (${split}) with ${executions.toLocaleString('en-US')} executions …`);
      // The sweep visits at most SWEEP_MAX_EXECUTIONS (100) a minute: the window's last transitions wait a whole round, or longer.
      const maxTailMs = mode === 'sweep' ? (executions / 100) * 90_000 + 180_000 : 60_000;
      const result = await simulateLiveness({ mode, split, executions, seed: SEED, windowMs: WINDOW_MS, maxTailMs });
      say(`liveness ${mode} (${split}) with ${executions.toLocaleString('en-US')} executions done in ${result.realSeconds.toFixed(1)} s`);
      results.push(result);
    }
  }
  return results;
}
