/**
 * simulateLiveness runs one fleet through one design, in virtual time, and measures how late
 * each transition's step appears in oVirt.
 *
 * - `sweep`: today's design without the push path — each execution's RUNNING event syncs it
 *   once, then only the minutely sweep (SWEEP_MAX_EXECUTIONS, SWEEP_HISTORY_BUDGET at their
 *   defaults) brings its later states.
 * - `push`: the same, plus every transition's log records delivered to the push path the
 *   moment they are logged (AWS's delivery delay is simulated as 0), in batches of what was
 *   logged in the same `batchMs`, split across two log streams; the sweep still runs.
 *
 * Invocations run one after another in real time, but each has its own virtual clock: it
 * starts when its trigger fires, and its time moves by the real time its code takes plus the
 * modelled latency of each call it makes (ports.ts), divided by the calls it makes in
 * parallel. Lag = the virtual time a step was created − the time its transition was logged,
 * for the transitions logged inside the measurement window.
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
import type { Charge } from './ports.js';
import { countingStore, fleetHistory, recordingEngine, Tally } from './ports.js';

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
  /** The push path (required for mode 'push'). */
  readonly deliver?: PushDelivery;
  /** Executions the push path syncs at once within one batch (its LOG_BATCH_CONCURRENCY). @default 4 */
  readonly pushParallelism?: number;
  readonly progress?: (line: string) => void;
}

export interface LivenessResult {
  readonly mode: LivenessMode;
  readonly executions: number;
  /** Transitions logged in the window, and how many of them had a step by the end of the run. */
  readonly transitions: number;
  readonly mirrored: number;
  readonly lagP50Ms: number | undefined;
  readonly lagP99Ms: number | undefined;
  readonly lagMaxMs: number | undefined;
  /** GetExecutionHistory calls per virtual second after the warm-up (AWS quota: 20/s per account, shared). */
  readonly historyCallsPerSecond: number;
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
  // The running invocation's clock: virtual start + real time spent + modelled call time.
  let current = { at: ORIGIN, realAt: 0, charged: 0, parallelism: 1 };
  const now = (): number => current.at + (performance.now() - current.realAt) + current.charged / current.parallelism;
  const charge = (): Charge => (ms) => {
    current.charged += ms;
  };
  const jobOwner = new Map<string, number>();
  const windowEnd = ORIGIN + options.windowMs;
  const lags: number[] = [];
  const seen = new Set<string>();
  // What the engine minimum counts: each step added once and ended once (after the warm-up).
  const distinctAdds = new Set<string>();
  const distinctEnds = new Set<string>();
  let warm = false;
  const engine = recordingEngine(tally, charge, now, (jobId, k, at) => {
    const i = jobOwner.get(jobId);
    if (i === undefined) return;
    if (warm) distinctAdds.add(`${i}:${k}`);
    const loggedAt = fleet.timesUpTo(i, at)[k - 1];
    const key = `${i}:${k}`;
    if (loggedAt === undefined || seen.has(key) || loggedAt < ORIGIN || loggedAt > windowEnd) return;
    seen.add(key);
    lags.push(at - loggedAt);
  }, (jobId, description) => {
    const match = /run-(\d{5})/.exec(description);
    if (match !== null) jobOwner.set(jobId, Number(match[1]));
  }, (stepId) => {
    if (warm) distinctEnds.add(stepId);
  });
  const { store } = countingStore(tally, charge);
  const history = fleetHistory(fleet, now, tally, charge);
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
  const invoke = async <T>(at: number, parallelism: number, body: () => Promise<T>): Promise<T> => {
    current = { at, realAt: performance.now(), charged: 0, parallelism };
    return body();
  };

  // Warm-up: every execution's RUNNING event (not measured: it happens before the window).
  const starts = fleet.arns.map((arn, i) => ({ arn, at: fleet.startOf(i) })).sort((a, b) => a.at - b.at);
  for (const { arn, at } of starts) await invoke(at, 1, () => reconcileExecution(arn, deps()));
  options.progress?.(`${options.mode} ${options.executions}: ${options.executions} executions started`);
  tally.reset();
  warm = true;

  const sweepEvery = options.sweepEveryMs ?? 60_000;
  const batchMs = options.batchMs ?? 250;
  const transitions = fleet.transitionsBetween(ORIGIN, windowEnd).length;
  let nextSweep = ORIGIN;
  let t = ORIGIN;
  const end = windowEnd + options.maxTailMs;
  while (t < end) {
    if (options.mode === 'push' && t < windowEnd + batchMs) {
      const from = t;
      t += batchMs;
      const due = fleet.transitionsBetween(from, t);
      const deliver = options.deliver;
      if (deliver === undefined) throw new Error('mode push needs a PushDelivery');
      for (const stream of [0, 1]) {
        const byExecution = new Map<number, HistoryEvent[]>();
        for (const step of due) {
          if (step.execution % 2 !== stream) continue;
          const events = byExecution.get(step.execution) ?? [];
          events.push(...fleet.eventsOfTransition(step.execution, step.k));
          byExecution.set(step.execution, events);
        }
        if (byExecution.size === 0) continue;
        const batch = [...byExecution].map(([i, events]) => ({ executionArn: fleet.arns[i] as string, events }));
        await invoke(t, options.pushParallelism ?? 4, () => deliver(batch, deps(), stream));
      }
    } else {
      t = Math.max(t, nextSweep);
    }
    if (t >= nextSweep) {
      const at = nextSweep;
      nextSweep += sweepEvery;
      await invoke(at, 1, () => sweepExecutions(deps(() => at + SWEEP_TIMEOUT_MS - DEADLINE_MARGIN_MS - now()), SWEEP_OPTIONS));
      if (options.mode === 'sweep') t = nextSweep;
      options.progress?.(`${options.mode} ${options.executions}: virtual ${Math.round((at - ORIGIN) / 1000)} s, ${lags.length}/${transitions} steps of the window seen`);
    }
    if (t >= windowEnd && lags.length >= transitions) break;
  }
  const pendingInWindow = transitions - lags.length;
  const elapsedSeconds = (t - ORIGIN) / 1000;
  const stepsAdded = tally.sum('ovirt:', ['addStep']);
  const sorted = [...lags].sort((a, b) => a - b);
  return {
    mode: options.mode,
    executions: options.executions,
    transitions,
    mirrored: transitions - pendingInWindow,
    lagP50Ms: percentile(sorted, 50),
    lagP99Ms: percentile(sorted, 99),
    lagMaxMs: sorted.at(-1),
    historyCallsPerSecond: tally.sum('sfn:', ['GetExecutionHistory']) / Math.max(1, elapsedSeconds),
    ovirtWrites: tally.sum('ovirt:', ['addJob', 'addStep', 'endStep', 'endJob']),
    ovirtMinimumWrites: distinctAdds.size + distinctEnds.size,
    dynamoRequestsPerTransition: tally.sum('dynamo:') / Math.max(1, stepsAdded),
    realSeconds: (performance.now() - realStart) / 1000,
  };
}
