/**
 * How a failing chaos schedule is told to a person: the violations, the schedule, the exact
 * command that replays it, and the entry to add to test/chaos/known-failing-seeds.ts. Shared by
 * the runner (`npm run test:chaos`) and the slice in `npm test`, so both say the same.
 */
import type { WorkerFailure, WorkerReport } from './chaos-worker.js';
import { dimensionsArgument } from './dimensions.js';

/** DEFAULT_MAX_STEPS is the runner's `--max-steps` default (the slice uses it too). */
export const DEFAULT_MAX_STEPS = 24;

/** replayCommand is the command that replays one schedule, with the dimensions and step bound it was drawn with. */
function replayCommand(seed: number, path: string, kinds: WorkerFailure['kinds'], maxSteps = DEFAULT_MAX_STEPS): string {
  const steps = maxSteps === DEFAULT_MAX_STEPS ? '' : ` --max-steps ${maxSteps}`;
  return `npm run test:chaos -- --seed=${seed} --path ${path} --workers 1 --schedules 1 --kinds ${dimensionsArgument(kinds)}${steps}`;
}

/** formatFailure renders a failure: what broke, the schedule, the replay command (with --trace for the details) and the known-list entry. */
export function formatFailure(failure: WorkerFailure, maxSteps = DEFAULT_MAX_STEPS): string {
  const kinds = failure.kinds.map((kind) => `'${kind}'`).join(', ');
  return [
    `Violation in schedule seed=${failure.seed} path=${failure.path} kinds=${dimensionsArgument(failure.kinds)}:`,
    failure.error,
    `Schedule: ${JSON.stringify(failure.schedule)}`,
    `Replay: ${replayCommand(failure.seed, failure.path, failure.kinds, maxSteps)} (add --trace to see every invocation)`,
    `Add to test/chaos/known-failing-seeds.ts: { seed: ${failure.seed}, path: '${failure.path}', kinds: [${kinds}], found: '…' },`,
  ].join('\n');
}

/** failuresOf lists every failure a worker reports: its known-failing replays first, then its own seed's. */
export function failuresOf(report: WorkerReport): WorkerFailure[] {
  return [...(report.replays?.failures ?? []), ...(report.failure ? [report.failure] : [])];
}
