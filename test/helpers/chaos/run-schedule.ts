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
 * the operator replays (README, Operating it). CloudWatch Logs invokes onExecutionLogs the
 * same way, so with `log-batches` a log delivery is an inbox entry like a status event:
 * picked in any order, crashed, retried, dead-lettered and replayed alike; once converged, the
 * last delivery of each execution arrives once more, and must write nothing either.
 *
 * Fault dimensions (dimensions.ts) change the play, and in two places the verdict:
 *
 * - `non-admin`: the engine refuses the lookups that make an unanswered add safe to repeat, so
 *   exactly-once cannot be promised. An execution may then stay unfinished (job or step
 *   missing or left started, a PENDING row, not converged) only if the product says so loudly:
 *   one more event for it, once the schedule is over, makes the invocation fail. The product's
 *   writes after such an end are then retries, not a violation.
 *   Duplicates and wrong statuses stay violations, loud or not.
 * - `poison`: the poison executions themselves may keep failing; the schedule's own executions
 *   must converge past them within the same number of sweeps.
 *
 * Clock skew and slow calls stop when the schedule converges (clocks fixed, calls fast again);
 * the convergence lapse covers a lease written by a clock that ran ahead.
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
import { MAX_BACKOFF_MS } from '../../../src/reconcile/sync-failure.js';
import { discoverySlots } from '../../../src/reconcile/sweep.js';
import type { SweepReport } from '../../../src/reconcile/sweep.js';
import { MAX_CLOCK_SKEW_MS, nth } from './dimensions.js';
import type { Dimensions } from './dimensions.js';
import type { InvocationExtras } from './environment.js';
import { createPoison, isOpen, removeRows } from './poison.js';
import { tableViolations } from './table-check.js';
import { LogInbox } from './log-inbox.js';
import type { LogDelivery, LogDraw } from './log-inbox.js';

/** Violations a non-admin schedule excuses when the product reported the execution loudly. */
const EXCUSED_WHEN_LOUD: ReadonlySet<string> = new Set(['missingJobs', 'missingSteps', 'leftOpen', 'pendingRows']);

/** Lambda tries an asynchronous event three times in all before the on-failure destination. */
const LAMBDA_ATTEMPTS = 3;
const CONVERGENCE_SWEEPS = 6;

/** A status change event (EventBridge) or, with `log-batches`, a CloudWatch Logs delivery. */
type Delivery = { readonly event: SfnStatusChangeEvent } | { readonly logs: LogDelivery };

type InboxEntry = Delivery & { readonly attempt: number };

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
    await run.close();
  }
}

class ScheduleRun {
  readonly figures = emptyFigures();
  readonly violations: Violation[] = [];
  readonly executions: LiveExecution[];
  readonly #byArn: Map<string, LiveExecution>;
  #inbox: InboxEntry[] = [];
  readonly #dlq: Delivery[] = [];
  readonly #ovirtCalls = new Map<string, number>();
  readonly #unsubscribe: () => void;
  readonly #firedBefore: Record<string, number>;
  readonly #dimensions: Dimensions;
  #invocationCount = 0;
  #deliverSteps = 0;
  #poison: string[] = [];
  readonly #loudlyUnfinished: string[] = [];
  /** Per execution: the error of the quiet check's event invocation, or null when it succeeded. */
  readonly #lastDelivery = new Map<string, string | null>();
  /** With `log-batches`: the schedule's log records turned into deliveries, and the last delivery per execution. */
  readonly #logs: LogInbox | undefined;
  readonly #lastLogDelivery = new Map<string, LogDelivery>();

  constructor(
    private readonly env: ChaosEnvironment,
    private readonly schedule: Schedule,
    private readonly id: string,
  ) {
    this.executions = schedule.executions.map((plan, i) => {
      const recording = recordingOf(plan, `${id}-${i}`, env.clock.now());
      env.sfn.addExecution(recording, { revealed: 0 });
      return new LiveExecution(plan, recording);
    });
    this.#byArn = new Map(this.executions.map((live) => [live.arn, live]));
    this.#unsubscribe = env.sfn.onStatusChange((event) => this.#onStatusChange(event));
    this.#firedBefore = firedCounters(env);
    this.#dimensions = schedule.dimensions ?? {};
    const logPlan = this.#dimensions.logBatches;
    this.#logs = logPlan === undefined ? undefined : new LogInbox(env.sfn, new Set(this.#byArn.keys()), logPlan);
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    this.#logs?.close();
    this.env.useEngineUser('admin');
    // Poison, and executions a non-admin schedule left unfinished (loudly), would keep failing
    // in every later schedule's sweeps: the operator's fix for them is outside the schedule.
    await removeRows(this.env, [...this.#poison, ...this.#loudlyUnfinished]);
  }

  async play(): Promise<ScheduleOutcome> {
    const started = performance.now();
    await this.#setUpDimensions();
    for (const [index, step] of this.schedule.steps.entries()) {
      this.#armHostile(index);
      await this.#step(step);
    }
    this.#armHostile(this.schedule.steps.length);
    for (const live of this.executions) while (live.revealed < live.total) this.#reveal(live);
    this.#flushLogs();
    while (this.#inbox.length > 0) await this.#deliverAll(this.#inbox.splice(0), this.schedule.finale.concurrency, this.schedule.finale.crashes);
    for (const [kind, n] of Object.entries(subtractCounters(firedCounters(this.env), this.#firedBefore))) bump(this.figures.faultsFired, kind, n);
    const converged = await this.#converge();
    const writes = await this.#quietCheck();
    await this.#checkInvariants(converged, writes);
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
        // Log deliveries arrive within seconds of the records: each deliver step can pick them.
        this.#flushLogs();
        const chosen: InboxEntry[] = [];
        for (const pick of step.picks) if (this.#inbox.length > 0) chosen.push(...this.#inbox.splice(pick % this.#inbox.length, 1));
        const alongside = nth(this.#dimensions.sweepsAlongside, this.#deliverSteps);
        this.#deliverSteps += 1;
        if (alongside === undefined) return this.#deliverAll(chosen, step.concurrency, step.crashes, step.deadlines);
        // With a slow call, the step's deliveries happen while that call is in flight: the sweep
        // comes back to a lease that lapsed meanwhile, after event invocations took it over.
        const skewMs = nth(this.#dimensions.clockSkewMs, this.#deliverSteps);
        const slow = alongside ?? undefined;
        let deliveries: Promise<void> | undefined;
        const deliver = (): Promise<void> => (deliveries ??= this.#deliverAll(chosen, step.concurrency, step.crashes, step.deadlines));
        const sweep = this.#sweep(undefined, undefined, { skewMs, slow, meanwhile: slow === undefined ? undefined : deliver });
        await Promise.all(slow === undefined ? [sweep, deliver()] : [sweep]);
        await deliver();
        return;
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

  async #setUpDimensions(): Promise<void> {
    const dims = this.#dimensions;
    for (const kind of Object.keys(dims)) bump(this.figures.faultsArmed, `dimension:${kind}`);
    if (dims.nonAdmin !== undefined) {
      this.env.useEngineUser('non-admin');
      if (dims.nonAdmin.lostAdds > 0) this.env.engine.faults.add({ kind: 'reset-after-apply', match: { route: 'POST /jobs' }, times: dims.nonAdmin.lostAdds });
    }
    if (dims.poison !== undefined) {
      this.#poison = await createPoison(this.env, this.id, dims.poison);
      bump(this.figures.faultsFired, 'poison-executions', this.#poison.length);
    }
  }

  /** #armHostile arms the hostile answers planned before step `index`. */
  #armHostile(index: number): void {
    for (const fault of this.#dimensions.hostile ?? []) {
      if (fault.at !== index) continue;
      this.env.engine.faults.add({ kind: fault.kind, match: { route: fault.route }, times: fault.times });
      bump(this.figures.faultsArmed, `engine:${fault.kind}`);
    }
  }

  /** #extras gives the next invocation its clock skew and slow call. */
  #extras(): InvocationExtras {
    const n = this.#invocationCount;
    this.#invocationCount += 1;
    const skewMs = nth(this.#dimensions.clockSkewMs, n);
    const slow = nth(this.#dimensions.slowCalls, n) ?? undefined;
    return { skewMs, slow };
  }

  #reveal(live: LiveExecution): void {
    const target = live.nextTarget();
    if (target <= live.revealed) return;
    this.env.sfn.reveal(live.arn, live.eventIdAt(target));
    live.moveTo(target);
    // Its records reach the inbox after its status events: CloudWatch Logs batches for a moment.
    this.#enqueueLogs(this.#logs?.revealed() ?? []);
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

  /** #flushLogs puts the log deliveries of the records logged since the last flush in the inbox. */
  #flushLogs(): void {
    this.#enqueueLogs(this.#logs?.flush() ?? []);
  }

  /** #enqueueLogs puts each log delivery in the inbox in its drawn copies (none: lost). */
  #enqueueLogs(draws: readonly LogDraw[]): void {
    for (const { delivery, copies } of draws) {
      this.figures.logDeliveries += 1;
      if (copies === 0) this.figures.logDeliveriesLost += 1;
      this.figures.logDeliveriesDuplicated += Math.max(0, copies - 1);
      for (let i = 0; i < copies; i += 1) this.#inbox.push({ logs: delivery, attempt: 1 });
    }
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

  async #deliver(entry: InboxEntry, crash: CrashPlan | undefined, deadline?: number, extras?: InvocationExtras): Promise<void> {
    const { attempt, ...delivery } = entry;
    const arns = 'event' in delivery ? [delivery.event.detail.executionArn] : delivery.logs.executionArns;
    for (const arn of arns) {
      const live = this.#byArn.get(arn);
      const logs = 'logs' in delivery ? delivery.logs : undefined;
      // A log delivery makes the run seen only with records of it (see LiveExecution).
      if (live !== undefined && (logs === undefined || (logs.latestRun.get(arn) ?? 0) >= live.currentRun())) live.observed = true;
      if (logs !== undefined) this.#lastLogDelivery.set(arn, logs);
    }
    this.figures.invocations += 1;
    if ('logs' in delivery) this.figures.logInvocations += 1;
    const result = await this.#invoke(delivery, crash, deadline, extras ?? this.#extras());
    if (result.kind === 'ok') return;
    if (attempt < LAMBDA_ATTEMPTS) {
      this.figures.lambdaRetries += 1;
      this.#inbox.push({ ...delivery, attempt: attempt + 1 });
    } else this.#dlq.push(delivery);
  }

  /** #invoke runs the handler the delivery is for: onExecutionEvent or onExecutionLogs. */
  async #invoke(delivery: Delivery, crash?: CrashPlan, deadline?: number, extras?: InvocationExtras): Promise<InvocationResult> {
    if ('event' in delivery) return this.#account(await this.env.deliver(delivery.event, crash, deadline, extras));
    const result = this.#account(await this.env.deliverLogs(delivery.logs.payload, crash, deadline, extras));
    if (result.kind === 'ok' && 'historyReadsSaved' in result.value) {
      this.figures.historyReadsSaved += result.value.historyReadsSaved;
      this.figures.historyReadsSpent += result.value.historyReadsSpent;
    }
    return result;
  }

  /**
   * #reachedBy: the RUNNING executions a sweep that got through its list has seen. Discovery
   * takes at most its share of the sweep's slots (SWEEP_DISCOVERY_PERCENT); below that share it
   * listed every untracked RUNNING execution, at it only those it took (their meta row exists)
   * are seen — the rest wait for the next sweep, as the README's guarantee says.
   */
  async #reachedBy(report: SweepReport, running: readonly LiveExecution[]): Promise<readonly LiveExecution[]> {
    const config = this.env.config;
    const share = discoverySlots({ maxExecutions: config.sweepMaxExecutions, discoverIn: config.stateMachineArns, discoveryPercent: config.sweepDiscoveryPercent });
    if (report.discovered < share) return running;
    const tracked = await this.env.table.store.trackedAmong(running.map((live) => live.arn));
    return running.filter((live) => tracked.has(live.arn));
  }

  async #sweep(crash?: CrashPlan, deadline?: number, extras?: InvocationExtras): Promise<boolean> {
    const running = this.executions.filter((live) => live.isRunning());
    this.figures.sweeps += 1;
    const result = this.#account(await this.env.sweep(crash, deadline, extras ?? this.#extras()));
    const report = result.kind === 'ok' && 'visited' in result.value ? result.value : undefined;
    // Poison executions fail every sync by design; only failures beyond them count.
    const poisonOpen = await this.#openPoison();
    const failed = report === undefined ? 1 : Math.max(0, report.failed - poisonOpen);
    // A sweep that got through its whole list saw every RUNNING execution; one that stopped early
    // (soft deadline, history budget, a list full of poison) may not have reached this one, as a
    // production sweep a minute later would.
    const sawAll = report !== undefined && failed === 0 && !report.deadlineReached && !report.budgetExhausted && report.visited > poisonOpen;
    if (sawAll) for (const live of await this.#reachedBy(report, running)) live.observed = true;
    if (report === undefined || failed > 0 || report.pending > 0) return false;
    // With poison about, a sweep can report nothing wrong without having visited ours at all.
    for (const live of this.executions) if (live.observed && (await isOpen(this.env, live.arn))) return false;
    return true;
  }

  async #openPoison(): Promise<number> {
    let open = 0;
    for (const arn of this.#poison) if (await isOpen(this.env, arn)) open += 1;
    return open;
  }

  #account(result: InvocationResult): InvocationResult {
    for (const [arn, calls] of result.invocation.ovirtCalls) this.#ovirtCalls.set(arn, (this.#ovirtCalls.get(arn) ?? 0) + calls);
    if (result.kind === 'crashed') this.figures.crashes += 1;
    if (result.invocation.timedOut) bump(this.figures.faultsFired, 'lambda-timeout');
    if (result.invocation.slowCallPlayed) bump(this.figures.faultsFired, 'slow-call');
    if ((result.invocation.timing?.skewMs ?? 0) !== 0) bump(this.figures.faultsFired, 'clock-skew');
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
    // A clock that ran ahead wrote a lease that lapses that much later for everyone else.
    const skew = this.#dimensions.clockSkewMs === undefined ? 0 : MAX_CLOCK_SKEW_MS;
    const lapse = this.env.config.leaseSeconds * 1000 + skew + 1000;
    this.env.clock.advance(lapse);
    for (const delivery of this.#dlq.splice(0)) {
      this.figures.deadLettered += 1;
      await this.#deliver({ ...delivery, attempt: LAMBDA_ATTEMPTS }, undefined, undefined, {});
    }
    // An execution whose syncs failed during the schedule backs off for up to an hour before the
    // sweep visits it again; waiting that long is part of the promise (it converges, later).
    this.env.clock.advance(MAX_BACKOFF_MS);
    for (let round = 0; round < CONVERGENCE_SWEEPS; round += 1) {
      this.env.clock.advance(lapse);
      if (await this.#sweep(undefined, undefined, {})) return true;
    }
    return false;
  }

  async #quietCheck(): Promise<string[]> {
    this.env.engine.resetStats();
    // Unobservable executions are left alone: an event for them now would rightly sync them for the first time.
    for (const live of this.executions) {
      if (!live.observed || live.lastEvent === undefined) continue;
      const result = this.#account(await this.env.deliver(live.lastEvent));
      // What an event for it says now decides whether an unfinished execution is reported loudly.
      this.#lastDelivery.set(live.arn, result.kind === 'failed' ? `${result.error.name}: ${result.error.message}` : null);
    }
    // A log delivery arriving again once everything converged (a late CloudWatch Logs retry).
    for (const logs of new Set(this.executions.filter((live) => live.observed).flatMap((live) => this.#lastLogDelivery.get(live.arn) ?? []))) {
      await this.#invoke({ logs });
    }
    this.#account(await this.env.sweep());
    // The product may keep retrying the poison; none of that is an oVirt write (they fail at Step Functions).
    return writesAfterConvergence(this.env.engine.stats());
  }

  async #checkInvariants(converged: boolean, writes: readonly string[]): Promise<void> {
    let unfinished = false;
    let loudOnes = 0;
    for (const live of this.executions) {
      if (!live.observed) {
        this.figures.unobservable += 1;
        // No invocation saw the run, but a PENDING row is never excused.
        const rows = await tableViolations(this.env.table.client, this.env.table.tableName, live.arn);
        this.violations.push(...rows.filter((violation) => violation.kind !== 'leftOpen'));
        continue;
      }
      const found = await executionViolations(this.env, live);
      const excusable = found.filter((violation) => EXCUSED_WHEN_LOUD.has(violation.kind));
      const loud = this.#dimensions.nonAdmin !== undefined && this.#reportedLoudly(live);
      if (loud && excusable.length > 0) {
        this.figures.loudFailures += 1;
        this.#loudlyUnfinished.push(live.arn);
        loudOnes += 1;
        this.violations.push(...found.filter((violation) => !EXCUSED_WHEN_LOUD.has(violation.kind)));
      } else {
        unfinished ||= excusable.length > 0;
        this.violations.push(...found);
      }
    }
    // A non-admin schedule may end unconverged only because of executions it reported loudly;
    // the product then rightly keeps trying them, so its writes after the end are no violation
    // (a duplicate they made still is, above).
    const excused = this.#dimensions.nonAdmin !== undefined && !unfinished && loudOnes > 0;
    if (!converged && !excused) this.violations.push({ kind: 'notConverged', executionArn: '*', detail: `the sweep did not converge in ${CONVERGENCE_SWEEPS} runs` });
    if (writes.length > 0 && !(excused && !converged)) this.violations.push({ kind: 'callsAfterConvergence', executionArn: '*', detail: writes.join(', ') });
  }

  /**
   * #reportedLoudly: one more event for the execution, after the schedule, makes its invocation
   * fail (a Lambda error the operator sees, and the event in the DLQ). A sweep failure is not
   * enough: the sweep report does not say which execution failed.
   */
  #reportedLoudly(live: LiveExecution): boolean {
    return (this.#lastDelivery.get(live.arn) ?? null) !== null;
  }
}
