/**
 * runSchedule plays one schedule against a ChaosEnvironment and checks every invariant:
 *
 * ```text
 * steps (reveal · deliver · sweep · advance · fault) ─► finale: reveal everything, deliver the inbox
 *   ─► converge: faults cleared, leases lapse, dead-lettered events replayed, sweep until clean
 *   ─► quiet check: one more event per execution and a sweep make no oVirt write
 *   ─► invariants per execution (oVirt tree vs the core's desired state, statuses, table rows)
 * ```
 *
 * Lambda's asynchronous invocation is modelled as deployed: a failed or crashed invocation is
 * retried twice (maximumRetryAttempts: 2), then its event goes to the dead-letter queue, which
 * the operator replays (README, Operating it).
 */
import type { SfnStatusChangeEvent } from '../../../src/local/sfn-stub/index.js';
import type { ChaosEnvironment, InvocationResult } from './environment.js';
import type { ChaosFigures, Violation } from './figures.js';
import { bump, emptyFigures } from './figures.js';
import type { CrashPlan } from './invocation.js';
import { LiveExecution } from './live-execution.js';
import { applyFault, firedCounters, IMMEDIATE_FAULTS, subtractCounters } from './apply-fault.js';
import { recordingOf } from './recordings.js';
import type { Schedule, ScheduleStep } from './schedule.js';
import { executionViolations, unexpectedError, writesAfterConvergence } from './verdicts.js';

/** Lambda tries an asynchronous event three times in all before the on-failure destination. */
const LAMBDA_ATTEMPTS = 3;
const CONVERGENCE_SWEEPS = 6;

interface InboxEntry {
  readonly event: SfnStatusChangeEvent;
  readonly attempt: number;
}

/** ScheduleOutcome: the schedule's figures and the invariants it broke. */
export interface ScheduleOutcome {
  readonly figures: ChaosFigures;
  readonly violations: Violation[];
}

/** runSchedule runs `schedule` with executions named after `id` (unique per schedule). */
export async function runSchedule(env: ChaosEnvironment, schedule: Schedule, id: string): Promise<ScheduleOutcome> {
  const run = new ScheduleRun(env, schedule, id);
  try {
    return await run.play();
  } finally {
    run.close();
  }
}

class ScheduleRun {
  readonly figures = emptyFigures();
  readonly violations: Violation[] = [];
  readonly executions: LiveExecution[];
  readonly #byArn: Map<string, LiveExecution>;
  #inbox: InboxEntry[] = [];
  readonly #dlq: SfnStatusChangeEvent[] = [];
  readonly #ovirtCalls = new Map<string, number>();
  readonly #unsubscribe: () => void;
  readonly #firedBefore: Record<string, number>;

  constructor(
    private readonly env: ChaosEnvironment,
    private readonly schedule: Schedule,
    id: string,
  ) {
    this.executions = schedule.executions.map((plan, i) => {
      const recording = recordingOf(plan, `${id}-${i}`, env.clock.now());
      env.sfn.addExecution(recording, { revealed: 0 });
      return new LiveExecution(plan, recording);
    });
    this.#byArn = new Map(this.executions.map((live) => [live.arn, live]));
    this.#unsubscribe = env.sfn.onStatusChange((event) => this.#onStatusChange(event));
    this.#firedBefore = firedCounters(env);
  }

  close(): void {
    this.#unsubscribe();
  }

  async play(): Promise<ScheduleOutcome> {
    const started = performance.now();
    for (const step of this.schedule.steps) await this.#step(step);
    for (const live of this.executions) while (live.revealed < live.total) this.#reveal(live);
    while (this.#inbox.length > 0) await this.#deliverAll(this.#inbox.splice(0), this.schedule.finale.concurrency, this.schedule.finale.crashes);
    for (const [kind, n] of Object.entries(subtractCounters(firedCounters(this.env), this.#firedBefore))) bump(this.figures.faultsFired, kind, n);
    if (!(await this.#converge())) this.violations.push({ kind: 'notConverged', executionArn: '*', detail: `the sweep did not converge in ${CONVERGENCE_SWEEPS} runs` });
    await this.#quietCheck();
    await this.#checkInvariants();
    this.figures.schedules = 1;
    this.figures.executions = this.executions.length;
    this.figures.maxOvirtCallsPerExecution = Math.max(0, ...this.#ovirtCalls.values());
    for (const violation of this.violations) this.figures.violations[violation.kind] += 1;
    this.figures.durationMs = performance.now() - started;
    return { figures: this.figures, violations: this.violations };
  }

  async #step(step: ScheduleStep): Promise<void> {
    switch (step.kind) {
      case 'reveal': {
        const live = this.executions[step.execution % this.executions.length];
        if (live !== undefined) this.#reveal(live);
        return;
      }
      case 'deliver': {
        const chosen: InboxEntry[] = [];
        for (const pick of step.picks) if (this.#inbox.length > 0) chosen.push(...this.#inbox.splice(pick % this.#inbox.length, 1));
        return this.#deliverAll(chosen, step.concurrency, step.crashes, step.deadlines);
      }
      case 'sweep':
        await this.#sweep(step.crash ?? undefined, step.deadline ?? undefined);
        return;
      case 'advance':
        return this.env.clock.advance(step.ms);
      case 'fault': {
        const name = applyFault(this.env, step.fault, this.executions);
        bump(this.figures.faultsArmed, name);
        // Restarts, token revocations and cleanups happen at once; the others fire when a call matches.
        if (IMMEDIATE_FAULTS.has(name)) bump(this.figures.faultsFired, name);
      }
    }
  }

  #reveal(live: LiveExecution): void {
    const target = live.nextTarget();
    if (target <= live.revealed) return;
    this.env.sfn.reveal(live.arn, live.eventIdAt(target));
    live.moveTo(target);
  }

  #onStatusChange(event: SfnStatusChangeEvent): void {
    const live = this.#byArn.get(event.detail.executionArn);
    if (live === undefined) return;
    this.figures.statusEvents += 1;
    live.lastEvent = event;
    const copies = live.copiesOfNext();
    if (copies === 0) this.figures.lostEvents += 1;
    this.figures.duplicateDeliveries += Math.max(0, copies - 1);
    for (let i = 0; i < copies; i += 1) this.#inbox.push({ event, attempt: 1 });
  }

  async #deliverAll(
    entries: readonly InboxEntry[],
    concurrency: number,
    crashes: readonly (CrashPlan | null)[],
    deadlines: readonly (number | null)[] = [],
  ): Promise<void> {
    const nth = <T>(list: readonly (T | null)[], n: number): T | undefined => (list.length === 0 ? undefined : (list[n % list.length] ?? undefined));
    for (let start = 0; start < entries.length; start += concurrency) {
      const batch = entries.slice(start, start + concurrency);
      await Promise.all(batch.map((entry, i) => this.#deliver(entry, nth(crashes, start + i), nth(deadlines, start + i))));
    }
  }

  async #deliver(entry: InboxEntry, crash: CrashPlan | undefined, deadline?: number): Promise<void> {
    const live = this.#byArn.get(entry.event.detail.executionArn);
    if (live !== undefined) live.observed = true;
    this.figures.invocations += 1;
    const result = this.#account(await this.env.deliver(entry.event, crash, deadline));
    if (result.kind === 'ok') return;
    if (entry.attempt < LAMBDA_ATTEMPTS) {
      this.figures.lambdaRetries += 1;
      this.#inbox.push({ event: entry.event, attempt: entry.attempt + 1 });
    } else this.#dlq.push(entry.event);
  }

  async #sweep(crash?: CrashPlan, deadline?: number): Promise<boolean> {
    const running = this.executions.filter((live) => live.isRunning());
    this.figures.sweeps += 1;
    const result = this.#account(await this.env.sweep(crash, deadline));
    const report = result.kind === 'ok' && 'failed' in result.value ? result.value : undefined;
    // A sweep that got through its whole list saw every RUNNING execution; one that stopped early
    // (soft deadline, history budget) may not have reached this one, as a production sweep a
    // minute later would.
    if (report !== undefined && report.failed === 0 && !report.deadlineReached && !report.budgetExhausted) for (const live of running) live.observed = true;
    return report !== undefined && report.failed === 0 && report.pending === 0;
  }

  #account(result: InvocationResult): InvocationResult {
    for (const [arn, calls] of result.invocation.ovirtCalls) this.#ovirtCalls.set(arn, (this.#ovirtCalls.get(arn) ?? 0) + calls);
    if (result.kind === 'crashed') this.figures.crashes += 1;
    if (result.invocation.deadlineReached) this.figures.deadlinesReached += 1;
    if (result.kind === 'failed' && unexpectedError(result.error)) {
      this.violations.push({ kind: 'unexpectedErrors', executionArn: '*', detail: `${result.error.name}: ${result.error.message}` });
    }
    return result;
  }

  async #converge(): Promise<boolean> {
    this.env.engine.faults.clear();
    this.env.sfn.clearFaults();
    this.env.tableFaults.clear();
    const lapse = this.env.config.leaseSeconds * 1000 + 1000;
    this.env.clock.advance(lapse);
    for (const event of this.#dlq.splice(0)) {
      this.figures.deadLettered += 1;
      await this.#deliver({ event, attempt: LAMBDA_ATTEMPTS }, undefined);
    }
    for (let round = 0; round < CONVERGENCE_SWEEPS; round += 1) {
      this.env.clock.advance(lapse);
      if (await this.#sweep()) return true;
    }
    return false;
  }

  async #quietCheck(): Promise<void> {
    this.env.engine.resetStats();
    // Unobservable executions are left alone: an event for them now would rightly sync them for the first time.
    for (const live of this.executions) if (live.observed && live.lastEvent !== undefined) this.#account(await this.env.deliver(live.lastEvent));
    this.#account(await this.env.sweep());
    const writes = writesAfterConvergence(this.env.engine.stats());
    if (writes.length > 0) this.violations.push({ kind: 'callsAfterConvergence', executionArn: '*', detail: writes.join(', ') });
  }

  async #checkInvariants(): Promise<void> {
    for (const live of this.executions) {
      if (live.observed) this.violations.push(...(await executionViolations(this.env, live)));
      else this.figures.unobservable += 1;
    }
  }
}
