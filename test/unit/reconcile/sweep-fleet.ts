/**
 * Support for the sweep's unit tests: a HistoryReader over a fleet of small executions (Pass
 * `Build` then, once ended, success), which can make an execution fail every read (gone from
 * Step Functions, or refused) and a state machine's listing fail, and the deps around it on
 * the in-memory ports with a movable clock.
 */
import { StepFunctionsError, TerminalReconcileError } from '../../../src/errors.js';
import type { ExecutionDescription, HistoryEvent } from '../../../src/model/execution.js';
import type { Counters, Log, MetricName } from '../../../src/model/telemetry.js';
import type { HistoryPage, HistoryReader } from '../../../src/ports.js';
import type { SweepOptions } from '../../../src/reconcile/sweep.js';
import { reconcileDeps } from '../../helpers/reconcile-deps.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';

export const MACHINE = 'arn:aws:states:eu-west-1:482913557106:stateMachine:nightly';
export const OTHER_MACHINE = 'arn:aws:states:eu-west-1:482913557106:stateMachine:weekly';
const T0 = Date.parse('2025-03-14T10:00:00Z');

/** arnOf names execution `name` of `machine`. */
export function arnOf(name: string, machine = MACHINE): string {
  return `${machine.replace(':stateMachine:', ':execution:')}:${name}`;
}

interface FleetExecution {
  readonly arn: string;
  readonly machine: string;
  readonly startDate: number;
  ended: boolean;
}

/** FleetHistory plays many executions; each is RUNNING until `end` is called. */
export class FleetHistory implements HistoryReader {
  readonly executions = new Map<string, FleetExecution>();
  /** Executions Step Functions no longer knows (every call answers ExecutionDoesNotExist). */
  readonly gone = new Set<string>();
  /** Executions whose every read fails with this error (a refusal, or a bug: any Error). */
  readonly broken = new Map<string, Error>();
  /** State machines whose listing always fails. */
  readonly unlistable = new Set<string>();
  /** DescribeExecution calls per execution (one per visit). */
  readonly describes = new Map<string, number>();

  /** add starts an execution; later `startOffset`s are newer (listed first). */
  add(arn: string, startOffset: number, machine = MACHINE): void {
    this.executions.set(arn, { arn, machine, startDate: T0 + startOffset, ended: false });
  }

  end(arn: string): void {
    const execution = this.executions.get(arn);
    if (execution !== undefined) execution.ended = true;
  }

  private find(arn: string): FleetExecution {
    this.describes.set(arn, (this.describes.get(arn) ?? 0) + 1);
    const broken = this.broken.get(arn);
    if (broken !== undefined) throw broken;
    const execution = this.executions.get(arn);
    if (execution === undefined || this.gone.has(arn)) {
      throw new TerminalReconcileError(`Step Functions DescribeExecution for ${arn} failed with ExecutionDoesNotExist.`);
    }
    return execution;
  }

  async describeExecution(arn: string): Promise<ExecutionDescription> {
    await Promise.resolve(); // a rejection, not a synchronous throw, like the SDK
    const execution = this.find(arn);
    return {
      executionArn: arn,
      stateMachineArn: execution.machine,
      name: arn.split(':').at(-1) ?? 'run',
      status: execution.ended ? 'SUCCEEDED' : 'RUNNING',
      startDate: execution.startDate,
      stopDate: execution.ended ? execution.startDate + 10 : undefined,
      redriveCount: 0,
    };
  }

  readEventsAfter(arn: string, after: number): Promise<HistoryEvent[]> {
    const execution = this.executions.get(arn);
    if (execution === undefined) return Promise.reject(new Error(`no execution ${arn}`));
    return Promise.resolve(eventsOf(execution).filter((event) => event.id > after));
  }

  async readPage(arn: string): Promise<HistoryPage> {
    return { events: await this.readEventsAfter(arn, 0) };
  }

  listRunning(stateMachineArn: string, limit: number): Promise<string[]> {
    if (this.unlistable.has(stateMachineArn)) {
      return Promise.reject(new StepFunctionsError(`ListExecutions for ${stateMachineArn} failed with StateMachineDoesNotExist.`, 'StateMachineDoesNotExist'));
    }
    const running = [...this.executions.values()]
      .filter((execution) => execution.machine === stateMachineArn && !execution.ended && !this.gone.has(execution.arn))
      .sort((a, b) => b.startDate - a.startDate)
      .map((execution) => execution.arn);
    return Promise.resolve(running.slice(0, limit));
  }

  describeDefinition = () => Promise.resolve({ definition: {} });
  describeMapRun = () => Promise.reject(new Error('no map runs here'));
}

function eventsOf(execution: FleetExecution): HistoryEvent[] {
  const t = execution.startDate;
  const events: HistoryEvent[] = [
    { id: 1, previousEventId: 0, timestamp: t, type: 'ExecutionStarted' },
    { id: 2, previousEventId: 1, timestamp: t + 1, type: 'PassStateEntered', details: { name: 'Build' } },
  ];
  if (execution.ended) {
    events.push(
      { id: 3, previousEventId: 2, timestamp: t + 2, type: 'PassStateExited', details: { name: 'Build' } },
      { id: 4, previousEventId: 3, timestamp: t + 3, type: 'ExecutionSucceeded' },
    );
  }
  return events;
}

/** RecordingLog keeps warn lines; CountingCounters sums metrics. */
export class RecordingLog implements Log {
  readonly warnings: { message: string; extra?: Record<string, unknown> }[] = [];
  debug(): void {}
  info(): void {}
  warn(message: string, extra?: Record<string, unknown>): void {
    this.warnings.push({ message, extra });
  }
  error(): void {}
}

export class CountingCounters implements Counters {
  readonly totals = new Map<MetricName, number>();
  count(name: MetricName, value = 1): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + value);
  }
}

/** fleet builds the in-memory ports, a clock and deps for sweep tests. */
export function fleet() {
  const store = new InMemoryTrackingStore();
  const ovirt = new FakeOvirt();
  const history = new FleetHistory();
  const log = new RecordingLog();
  const counters = new CountingCounters();
  const clock = { at: T0 + 60_000 };
  const deps = reconcileDeps({ history, store, ovirt, log, counters, now: () => clock.at, requeueSeconds: 60 });
  /** advance moves the clock on by `ms` (a sweep a minute later: 60_000). */
  const advance = (ms: number) => {
    clock.at += ms;
  };
  return { store, ovirt, history, log, counters, deps, clock, advance };
}

/** jobStatusOf is the status of the one oVirt job whose description names `arn`'s execution. */
export function jobStatusOf(ovirt: FakeOvirt, arn: string): string | undefined {
  const name = arn.split(':').at(-1) ?? '';
  return [...ovirt.jobs.values()].find((job) => job.description.endsWith(` ${name}`))?.status;
}

/** sweepOptions are the production defaults with these overrides. */
export function sweepOptions(overrides: Partial<SweepOptions> = {}): SweepOptions {
  return { maxExecutions: 100, historyBudget: 200, discoverIn: [], discoveryPercent: 20, discoveryScanLimit: 1000, ...overrides };
}
