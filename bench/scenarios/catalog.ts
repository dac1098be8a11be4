/**
 * The benchmark scenarios. Each builds its executions and drives them through ScenarioRun the
 * way AWS would reach the product: status change events (EventBridge) and sweeps (schedule).
 *
 * | Sync mode | How the scenario syncs                                                     |
 * | --------- | -------------------------------------------------------------------------- |
 * | final     | the whole history is visible before the first event arrives (one real sync; the second event finds it settled) |
 * | live      | history revealed in slices; the RUNNING event, then a sweep per slice, then the SUCCEEDED event |
 * | burst     | one execution alone first (reference), then every other RUNNING event at once, then every SUCCEEDED event at once |
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SfnRecording } from '../../src/local/sfn-stub/index.js';
import { syntheticRecording } from '../../src/local/sfn-stub/index.js';
import { START_MS } from '../histories/history-writer.js';
import { linearPipeline, loopingPipeline, mapPipeline } from '../histories/shapes.js';
import type { ScenarioRun } from './scenario-run.js';

/** ScenarioRole names the goals tied to one scenario (see report/goals). */
export type ScenarioRole = 'calls-vs-baseline' | 'burst-latency' | 'big-map';

/** Scenario is one line of the report. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly sync: 'final' | 'live' | 'burst';
  /** Run the ovirt_job baseline for real (false: its call count is worked out, see drive-baseline). */
  readonly driveBaseline: boolean;
  /** Which size-specific goal this scenario answers, if any. */
  readonly role?: ScenarioRole;
  /** Extra function environment (mapping settings). */
  readonly env?: Readonly<Record<string, string>>;
  build(): SfnRecording[];
  drive(run: ScenarioRun, recordings: readonly SfnRecording[]): Promise<void>;
}

const naming = (stateMachine: string, execution: string) => ({ stateMachine, execution });
const arnOf = (recording: SfnRecording): string => recording.description.executionArn;

/** Sweeps after the events when a sync could not finish (e.g. it outlived the function's timeout). */
const MAX_CATCH_UP_SWEEPS = 5;

async function finalSync(run: ScenarioRun, recordings: readonly SfnRecording[]): Promise<void> {
  for (const recording of recordings) {
    run.add(recording);
    run.reveal(arnOf(recording), 'all');
    await run.deliver('sequential');
    // As in production, the scheduled sweep finishes what the events could not; claims left by
    // an interrupted invocation are taken over once their lease lapses.
    for (let sweep = 1; !run.settled && sweep <= MAX_CATCH_UP_SWEEPS; sweep += 1) {
      await sleep(run.leaseMs + 1000);
      await run.sweep();
    }
  }
}

function liveSync(slices: number) {
  return async (run: ScenarioRun, recordings: readonly SfnRecording[]): Promise<void> => {
    const [recording] = recordings;
    if (recording === undefined) return;
    run.add(recording);
    const total = recording.events.length;
    for (let slice = 1; slice <= slices; slice += 1) {
      run.reveal(arnOf(recording), Math.max(2, Math.ceil((total * slice) / slices)));
      if (slice === 1 || slice === slices) await run.deliver('sequential');
      else await run.sweep();
    }
  };
}

/**
 * burst: the first execution runs alone (RUNNING, then SUCCEEDED) as the uncontended reference
 * on a warm function; then every other execution's RUNNING event at once, then every SUCCEEDED.
 */
async function burst(run: ScenarioRun, [solo, ...recordings]: readonly SfnRecording[]): Promise<void> {
  if (solo === undefined) return;
  run.add(solo);
  run.reveal(arnOf(solo), 7);
  await run.deliver('sequential', true);
  run.reveal(arnOf(solo), 'all');
  await run.deliver('sequential', true);
  for (const recording of recordings) run.add(recording);
  for (const recording of recordings) run.reveal(arnOf(recording), 7);
  await run.deliver('concurrent');
  for (const recording of recordings) run.reveal(arnOf(recording), 'all');
  await run.deliver('concurrent');
}

/** ScenarioSizes: the full benchmark, or the small CI smoke. */
export type ScenarioSizes = 'full' | 'smoke';

/** scenarios returns the scenarios for `sizes`, in report order. */
export function scenarios(sizes: ScenarioSizes): Scenario[] {
  const full = sizes === 'full';
  const loopVisits = full ? 200 : 30;
  const mapItems = full ? 1000 : 150;
  const bigMap = full ? 10_000 : 400;
  const history = full ? 24_000 : 1_500;
  const executions = full ? 500 : 10;
  const minutes = full ? 60 : 6;
  return [
    { id: 'linear-10', title: 'Linear, 10 states', sync: 'final', driveBaseline: true, build: () => [linearPipeline(naming('release', 'linear-10'), 10)], drive: finalSync },
    {
      id: `loops-${loopVisits}`, title: `${loopVisits} states with loops`, sync: 'final', driveBaseline: true, role: 'calls-vs-baseline',
      build: () => [loopingPipeline(naming('provision', `loops-${loopVisits}`), loopVisits)], drive: finalSync,
    },
    {
      id: `map-${mapItems}`, title: `Map, ${mapItems} iterations (cap 100)`, sync: 'final', driveBaseline: true,
      build: () => [mapPipeline(naming('backup', `map-${mapItems}`), { iterations: mapItems, concurrency: 40, inner: 'task' })], drive: finalSync,
    },
    {
      id: `map-${bigMap}`, title: `Map, ${bigMap} iterations, live`, sync: 'live', driveBaseline: true, role: 'big-map',
      build: () => [mapPipeline(naming('backup', `map-${bigMap}`), { iterations: bigMap, concurrency: 40, inner: 'pass' })], drive: liveSync(10),
    },
    {
      id: `history-${history}`, title: `History of ${history} events`, sync: 'final', driveBaseline: !full,
      // A first sync of this size can outlive the function's timeout; a short lease lets the
      // catch-up sweeps take over interrupted claims without waiting the default 120 s. A lease
      // must cover the longest claim (four oVirt timeouts plus the clock-skew margin), so the
      // timeout is shortened to what the loopback engine needs and the one machine has no skew.
      env: { LEASE_SECONDS: '5', OVIRT_TIMEOUT_MS: '1000', MAX_CLOCK_SKEW_SECONDS: '0' },
      build: () => [syntheticRecording({ events: history, stateMachineName: 'polling', executionName: `history-${history}`, startDate: START_MS })], drive: finalSync,
    },
    {
      id: `burst-${executions}`, title: `${executions} executions at once`, sync: 'burst', driveBaseline: !full, role: 'burst-latency',
      build: () => Array.from({ length: executions + 1 }, (_, i) => linearPipeline(naming('deploy', i === 0 ? 'alone' : `burst-${i}`), 5)),
      drive: burst,
    },
    {
      id: `hourly-${minutes}`, title: `Synced every minute for ${minutes} min`, sync: 'live', driveBaseline: true,
      build: () => [loopingPipeline(naming('soak', `hourly-${minutes}`), 6 * minutes + 1)], drive: liveSync(minutes),
    },
  ];
}
