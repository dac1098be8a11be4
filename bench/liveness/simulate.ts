/**
 * simulateLiveness runs one fleet through one design, in virtual time, and measures how late
 * each transition's step appears in oVirt.
 *
 * - `sweep`: the product without the push path — each execution's RUNNING event syncs it
 *   once, then only the minutely sweep (SWEEP_MAX_EXECUTIONS, SWEEP_HISTORY_BUDGET at their
 *   defaults) brings its later states.
 * - `push`: the same, plus every transition's log records delivered to the push path the
 *   moment they are logged (AWS's delivery delay is simulated as 0), in batches of what was
 *   logged in the same `batchMs`, one delivery per log stream (two); the sweep still runs.
 *
 * Every invocation (an event, a delivery, a sweep) runs as its own task on VirtualTime: its
 * port calls wait their modelled latency there, so invocations that overlap in time meet each
 * other's leases as in Lambda. Lag = the virtual time a step was added to the engine − the time
 * its transition was logged, for the transitions logged inside the measurement window; every
 * count starts with the window.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_MAPPING } from '../../src/model/mapping.js';
import type { HistoryEvent } from '../../src/model/execution.js';
import { noCounters, silentLog } from '../../src/model/telemetry.js';
import type { ReconcileDeps } from '../../src/reconcile/deps.js';
import { reconcileExecution } from '../../src/reconcile/reconcile-execution.js';
import { sweepExecutions } from '../../src/reconcile/sweep.js';
import { percentile } from '../measure/percentile.js';
import { Fleet, STATE_MACHINE_ARN } from './fleet.js';
import { countingStore, fleetHistory, recordingEngine, Tally } from './ports.js';
import { pushDelivery } from './push-delivery.js';
import { VirtualTime } from './virtual-time.js';

export type LivenessMode = 'sweep' | 'push';

/** PushDelivery hands one batch of log records (the events of several executions) to the push path. */
export type PushDelivery = (batch: readonly LoggedEvents[], deps: ReconcileDeps, stream: number) => Promise<void>;

/** LoggedEvents: the events one execution logged in a batch. */
export interface LoggedEvents {
  readonly executionArn: string;
  readonly events: readonly HistoryEvent[];
}

export interface LivenessOptions {
  readonly mode: LivenessMode;
  readonly executions: number;
  readonly seed: number;
  /** Length of the measurement window (virtual). */
  readonly windowMs: number;
  /** How long after the window the run goes on for the window's transitions to appear (virtual). */
  readonly maxTailMs: number;
  /** Log records logged within this much virtual time travel in one batch. @default 250 */
  readonly batchMs?: number;
  readonly sweepEveryMs?: number;
  /** How records spread over the two log streams: each execution in one (default), or each record in either. */
  readonly split?: 'execution' | 'record';
  readonly progress?: (line: string) => void;
}

export interface LivenessResult {
  readonly mode: LivenessMode;
  /** How the push path's records spread over the two log streams (see LivenessOptions.split). */
  readonly split: 'execution' | 'record';
  readonly executions: number;
  /** Transitions logged in the window, and how many of them had a step by the end of the run. */
  readonly transitions: number;
  readonly mirrored: number;
  readonly lagP50Ms: number | undefined;
  readonly lagP99Ms: number | undefined;
  /** Infinity when some transitions had no step by the end of the run (`runMs` after the window opened). */
  readonly lagMaxMs: number | undefined;
  readonly runMs: number;
  /** GetExecutionHistory calls per virtual second after the warm-up (AWS quota: 20/s per account, shared). */
  readonly historyCallsPerSecond: number;
  /** The share of those the push path spent repairing gaps (within PUSH_HISTORY_READS_PER_SECOND). */
  readonly pushHistoryCallsPerSecond: number;
  /** oVirt writes after the warm-up, and the engine minimum for the same steps (each added once, each ended once). */
  readonly ovirtWrites: number;
  readonly ovirtMinimumWrites: number;
  /** DynamoDB requests per step added after the warm-up (one step per transition). */
  readonly dynamoRequestsPerTransition: number;
  /** Real seconds the run took. */
  readonly realSeconds: number;
}

const SWEEP_OPTIONS = { maxExecutions: 100, historyBudget: 200, discoverIn: [STATE_MACHINE_ARN], discoveryPercent: 20, discoveryScanLimit: 1000 };
const SWEEP_TIMEOUT_MS = 300_000;
const DEADLINE_MARGIN_MS = 10_000;
const ORIGIN = Date.UTC(2026, 0, 5, 9, 0, 0);

/** simulateLiveness runs `options.mode` on a fresh fleet. */
export async function simulateLiveness(options: LivenessOptions): Promise<LivenessResult> {
  const realStart = performance.now();
  const fleet = new Fleet({ executions: options.executions, seed: options.seed, origin: ORIGIN, startSpreadMs: 60_000, minGapMs: 30_000, maxGapMs: 120_000 });
  const tally = new Tally();
  const starts = fleet.arns.map((arn, i) => ({ arn, at: fleet.startOf(i) })).sort((a, b) => a.at - b.at);
  const firstStart = starts[0]?.at ?? ORIGIN;
  const time = new VirtualTime(firstStart);
  const now = time.now;
  const sleep = (ms: number): Promise<void> => time.sleep(ms);
  const jobOwner = new Map<string, number>();
  const windowEnd = ORIGIN + options.windowMs;
  const lags: number[] = [];
  const seen = new Set<string>();
  // What the engine minimum counts: each job and step added once, each step ended once (from the window on).
  const distinctAdds = new Set<string>();
  const distinctEnds = new Set<string>();
  const engine = recordingEngine(tally, sleep, now, (jobId, k, at) => {
    const i = jobOwner.get(jobId);
    if (i === undefined) return;
    distinctAdds.add(`${i}:${k}`);
    const loggedAt = fleet.timesUpTo(i, at)[k - 1];
    const key = `${i}:${k}`;
    if (loggedAt === undefined || seen.has(key) || loggedAt < ORIGIN || loggedAt > windowEnd) return;
    seen.add(key);
    lags.push(at - loggedAt);
  }, (jobId, description) => {
    distinctAdds.add(`job:${jobId}`);
    const match = /run-(\d{5})/.exec(description);
    if (match !== null) jobOwner.set(jobId, Number(match[1]));
  }, (stepId) => {
    distinctEnds.add(stepId);
  });
  const store = countingStore(tally, sleep);
  const history = fleetHistory(fleet, now, tally, sleep);
  let owners = 0;
  const deps = (remainingMs?: () => number): ReconcileDeps => ({
    history,
    store,
    ovirt: engine,
    mapping: DEFAULT_MAPPING,
    log: silentLog,
    counters: noCounters,
    now,
    newOwner: () => `owner-${(owners += 1)}`,
    leaseMs: 120_000,
    requeueSeconds: 60,
    retentionDays: 30,
    dryRun: false,
    remainingMs,
  });
  const deliver = pushDelivery(tally, sleep, now);
  const failures: string[] = [];
  const launch = (work: () => Promise<unknown>): void => {
    work().catch((error: unknown) => failures.push(`${(error as Error).name}: ${(error as Error).message}`));
  };

  // Every execution's RUNNING event, at its start (before the window; the push path's records
  // continue from the history that sync read).
  for (const { arn, at } of starts) time.at(at, () => launch(() => reconcileExecution(arn, deps())));
  const sweepEvery = options.sweepEveryMs ?? 60_000;
  const batchMs = options.batchMs ?? 250;
  const transitions = fleet.transitionsBetween(ORIGIN, windowEnd).length;
  // The sweep's reserved concurrency is 1: a tick that comes while a sweep still runs is throttled.
  let sweeping = false;
  const sweep = (at: number): void => {
    if (!sweeping) {
      sweeping = true;
      launch(() => sweepExecutions(deps(() => at + SWEEP_TIMEOUT_MS - DEADLINE_MARGIN_MS - now()), SWEEP_OPTIONS).finally(() => (sweeping = false)));
    }
    options.progress?.(`${options.mode} ${options.executions}: virtual ${Math.round((at - ORIGIN) / 1000)} s, ${lags.length}/${transitions} steps of the window seen`);
    time.at(at + sweepEvery, () => sweep(at + sweepEvery));
  };
  // Counting starts with the window (the warm-up's first syncs are not what is measured).
  time.at(ORIGIN, () => {
    tally.reset();
    distinctAdds.clear();
    distinctEnds.clear();
  });
  time.at(ORIGIN, () => sweep(ORIGIN));
  if (options.mode === 'push') {
    // Every batchMs, the records logged since the last batch, one delivery per log stream.
    const batch = (to: number): void => {
      const due = fleet.transitionsBetween(to - batchMs, to);
      for (const stream of [0, 1]) {
        const byExecution = new Map<number, HistoryEvent[]>();
        for (const step of due) {
          const events = byExecution.get(step.execution) ?? [];
          // Which stream a record lands in: the execution's own, or each record either (seeded by its id).
          const mine = fleet.eventsOfTransition(step.execution, step.k).filter((event) =>
            options.split === 'record' ? (event.id * 2654435761 + step.execution) % 2 === stream : step.execution % 2 === stream,
          );
          events.push(...mine);
          if (events.length > 0) byExecution.set(step.execution, events);
        }
        if (byExecution.size === 0) continue;
        const delivery = [...byExecution].map(([i, events]) => ({ executionArn: fleet.arns[i] as string, events }));
        launch(() => deliver(delivery, deps(), stream));
      }
      if (to < windowEnd + batchMs) time.at(to + batchMs, () => batch(to + batchMs));
    };
    time.at(firstStart + batchMs, () => batch(firstStart + batchMs));
  }
  await time.run(windowEnd + options.maxTailMs, () => now() >= windowEnd && lags.length >= transitions);
  if (failures.length > 0) options.progress?.(`${options.mode} ${options.executions}: ${failures.length} invocation(s) failed, first: ${failures[0]}`);
  const t = now();
  const elapsedSeconds = (t - ORIGIN) / 1000;
  const stepsAdded = tally.sum('ovirt:', ['addStep']);
  const sorted = [...lags].sort((a, b) => a - b);
  const unmirrored = Array.from({ length: transitions - lags.length }, () => Infinity);
  return {
    mode: options.mode,
    split: options.split ?? 'execution',
    executions: options.executions,
    transitions,
    mirrored: lags.length,
    // Transitions still without a step when the run ended count as later than anything seen.
    lagP50Ms: percentile([...sorted, ...unmirrored], 50),
    lagP99Ms: percentile([...sorted, ...unmirrored], 99),
    lagMaxMs: unmirrored.length > 0 ? Infinity : sorted.at(-1),
    runMs: t - ORIGIN,
    historyCallsPerSecond: tally.sum('sfn:', ['GetExecutionHistory']) / Math.max(1, elapsedSeconds),
    pushHistoryCallsPerSecond: tally.sum('push:', ['historyReads']) / Math.max(1, elapsedSeconds),
    ovirtWrites: tally.sum('ovirt:', ['addJob', 'addStep', 'endStep', 'endJob']),
    ovirtMinimumWrites: distinctAdds.size + distinctEnds.size,
    dynamoRequestsPerTransition: tally.sum('dynamo:') / Math.max(1, stepsAdded),
    realSeconds: (performance.now() - realStart) / 1000,
  };
}
