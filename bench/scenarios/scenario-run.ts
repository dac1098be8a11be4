/**
 * ScenarioRun is what a scenario drives: it adds executions to the Step Functions stub, reveals
 * their histories, delivers the status change events the stub emits to the onExecutionEvent
 * function and runs the sweep function, like EventBridge and the schedule would. It records
 * what the engine minimum needs (how much history each sync could see) and what each
 * invocation took.
 */
import { correlationId } from '../../src/core/correlation-id.js';
import type { SfnRecording, SfnStatusChangeEvent } from '../../src/local/sfn-stub/index.js';
import type { Container } from '../lambda/container.js';
import type { InvokeResult } from '../lambda/protocol.js';
import { metaRowSize } from '../measure/item-size.js';
import type { BenchParts } from '../parts/bench-parts.js';

/** Invocations tallies how the invocations ended. */
export interface Invocations {
  converged: number;
  pending: number;
  failed: number;
  /** First few failure messages, for the report. */
  errors: string[];
}

/** RunFunctions are the two functions of the product, each in its own container. */
export interface RunFunctions {
  readonly onEvent: Container;
  readonly sweep: Container;
}

/** ScenarioRun drives one scenario and collects its observations. */
export class ScenarioRun {
  readonly recordings = new Map<string, SfnRecording>();
  /** For each execution, the number of events visible at each sync, in order. */
  readonly syncPoints = new Map<string, number[]>();
  /**
   * Event→oVirt latency of every sync that changed something: from handing the event (or the
   * sweep tick) over to the engine's `last_updated` of the execution's job after the sync, i.e.
   * the moment its last oVirt change of that sync landed. ms.
   */
  readonly latencies: number[] = [];
  /** The same for syncs delivered alone (uncontended reference), kept apart. */
  readonly soloLatencies: number[] = [];
  /** Duration of every invocation, from the handler's call to its return (bookkeeping included), ms. */
  readonly durations: number[] = [];
  readonly invocations: Invocations = { converged: 0, pending: 0, failed: 0, errors: [] };
  /** Sync requests delivered per execution (events plus sweep visits): the K of ⌈N/1000⌉ + K. */
  readonly triggers = new Map<string, number>();
  maxMetaBytes = 0;
  /** False when the last invocation (event or sweep) failed or left its execution pending. */
  settled = true;
  private readonly revealed = new Map<string, number>();
  private lastKind: 'converged' | 'pending' | 'failed' | undefined;
  private queue: SfnStatusChangeEvent[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    private readonly parts: BenchParts,
    private readonly functions: RunFunctions,
    private readonly tableName: string,
    /** Read the meta rows after each delivery to find the largest checkpoint (few executions only). */
    private readonly probeMeta: boolean,
    /** The functions' LEASE_SECONDS, in ms: how long an interrupted claim blocks others. */
    readonly leaseMs: number,
  ) {
    this.unsubscribe = parts.sfn.onStatusChange((event) => {
      if (this.recordings.has(event.detail.executionArn)) this.queue.push(event);
    });
  }

  /** add puts an execution in the stub with its first `revealed` events visible (0: it does not exist yet). */
  add(recording: SfnRecording, revealed = 0): void {
    const arn = recording.description.executionArn;
    this.recordings.set(arn, recording);
    this.revealed.set(arn, revealed);
    this.parts.sfn.addExecution(recording, { revealed });
  }

  /** reveal shows the events up to id `upTo` (ids are 1..N); status changes crossed are queued for delivery. */
  reveal(arn: string, upTo: number | 'all'): void {
    const total = this.recordings.get(arn)?.events.length ?? 0;
    const count = upTo === 'all' ? total : Math.min(upTo, total);
    this.parts.sfn.reveal(arn, count);
    this.revealed.set(arn, count);
  }

  /**
   * deliver sends the queued status change events to onExecutionEvent, one after another or all
   * at once; `solo` keeps their durations apart as the uncontended reference.
   */
  async deliver(mode: 'sequential' | 'concurrent', solo = false): Promise<void> {
    const events = this.queue;
    this.queue = [];
    const one = async (event: SfnStatusChangeEvent): Promise<void> => {
      const arn = event.detail.executionArn;
      this.noteSync(arn);
      const handedOver = Date.now();
      this.tally(await this.functions.onEvent.invoke(event));
      this.noteVisible(arn, handedOver, solo ? this.soloLatencies : this.latencies);
    };
    if (mode === 'concurrent') await Promise.all(events.map(one));
    else for (const event of events) await one(event);
    if (events.length > 0) this.settled = this.lastKind === 'converged';
    await this.probe();
  }

  /** sweep runs the sweep function once; every execution synced before and not yet seen ended is visited. */
  async sweep(): Promise<void> {
    const visited: string[] = [];
    for (const [arn, points] of this.syncPoints) {
      if ((points.at(-1) ?? 0) < (this.recordings.get(arn)?.events.length ?? 0)) visited.push(arn);
    }
    for (const arn of visited) this.noteSync(arn);
    const tick = Date.now();
    const result = await this.functions.sweep.invoke({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
    this.durations.push(result.ms);
    for (const arn of visited) this.noteVisible(arn, tick, this.latencies);
    this.settled = false;
    if (!result.ok) return this.fail(`sweep: ${result.error.name}: ${result.error.message}`);
    const report = result.result as { converged: number; pending: number; failed: number };
    this.invocations.converged += report.converged;
    this.invocations.pending += report.pending;
    if (report.failed > 0) this.fail(`sweep: ${report.failed} execution(s) failed`);
    this.settled = report.pending === 0 && report.failed === 0;
    await this.probe();
  }

  /** close stops listening to the stub. */
  close(): void {
    this.unsubscribe();
  }

  private noteSync(arn: string): void {
    const points = this.syncPoints.get(arn) ?? [];
    points.push(this.revealed.get(arn) ?? 0);
    this.syncPoints.set(arn, points);
    this.triggers.set(arn, (this.triggers.get(arn) ?? 0) + 1);
  }

  /** noteVisible records when the sync's last oVirt change landed, if it changed anything. */
  private noteVisible(arn: string, since: number, into: number[]): void {
    const [job] = this.parts.engine.state.findByCorrelationId(correlationId(arn, 0));
    if (job?.lastUpdated !== undefined && job.lastUpdated >= since) into.push(job.lastUpdated - since);
  }

  private tally(result: InvokeResult): void {
    this.durations.push(result.ms);
    this.lastKind = 'failed';
    if (!result.ok) return this.fail(`${result.error.name}: ${result.error.message}`);
    const kind = (result.result as { kind?: string }).kind;
    if (kind === 'converged' || kind === 'pending') {
      this.invocations[kind] += 1;
      this.lastKind = kind;
    }
  }

  private fail(message: string): void {
    this.invocations.failed += 1;
    if (this.invocations.errors.length < 5) this.invocations.errors.push(message);
  }

  private async probe(): Promise<void> {
    if (!this.probeMeta) return;
    for (const arn of this.recordings.keys()) {
      this.maxMetaBytes = Math.max(this.maxMetaBytes, await metaRowSize(this.parts.dynamo, this.tableName, arn));
    }
  }
}
