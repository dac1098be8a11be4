/**
 * applyPlan runs the planner's actions in order through the ports: claim → call oVirt →
 * record. It holds the lifecycle rules (the adapters hold none): how a takeover is resolved,
 * what "gone" means, which failures are ambiguous. Ends are idempotent on the engine (ending
 * twice is a silent success), so they need no claim: the row is updated after the call.
 */
import { isOvirtHttpError } from '../errors.js';
import type { Action, CreateJob, CreateStep, EndJob, EndStep } from '../model/action.js';
import type { TrackingRecord } from '../model/tracking.js';
import type { ApplyContext, Known } from './context.js';
import { claimAndCreate } from './claim-and-create.js';
import { findJobId, findStepId } from './lookup.js';

/** ApplyReport: how many actions took effect, and the keys that must wait (claimed elsewhere, parent missing, job gone). */
export interface ApplyReport {
  readonly applied: number;
  readonly blocked: readonly string[];
  readonly gone: readonly string[];
  /** True when the run stopped before its last action because ctx.shouldStop said so. */
  readonly stopped?: boolean;
}

/** applyPlan applies `actions` given the rows read before planning. */
export async function applyPlan(
  actions: readonly Action[],
  recorded: ReadonlyMap<string, TrackingRecord>,
  ctx: ApplyContext,
): Promise<ApplyReport> {
  const known = new Map<string, Known>([...recorded].map(([key, row]) => [key, { state: row.state, ovirtId: row.ovirtId }]));
  const run = new PlanRun(known, ctx);
  for (const [index, action] of actions.entries()) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    // The first action always runs, so even an invocation that starts past its soft deadline
    // (a margin as long as the function's timeout) makes progress.
    if (index > 0 && ctx.shouldStop?.() === true) return { applied: run.applied, blocked: run.blocked, gone: run.gone, stopped: true };
    await run.apply(action);
  }
  return { applied: run.applied, blocked: run.blocked, gone: run.gone };
}

class PlanRun {
  applied = 0;
  readonly blocked: string[] = [];
  readonly gone: string[] = [];
  /** Jobs with an object that had to wait: they are not ended in this run (see endJob). */
  readonly #waitingJobs = new Set<string>();
  constructor(
    private readonly known: Map<string, Known>,
    private readonly ctx: ApplyContext,
  ) {}

  async apply(action: Action): Promise<void> {
    const jobKey = action.kind === 'createJob' || action.kind === 'endJob' ? action.key : action.jobKey;
    if (this.known.get(jobKey)?.state === 'GONE') return;
    switch (action.kind) {
      case 'createJob':
        return this.createJob(action);
      case 'createStep':
        return this.createStep(action);
      case 'endStep':
        return this.endStep(action);
      case 'endJob':
        return this.endJob(action);
    }
  }

  private idOf(key: string): string | undefined {
    const entry = this.known.get(key);
    return entry?.state === 'CREATED' || entry?.state === 'ENDED' ? entry.ovirtId : undefined;
  }

  private async createJob(action: CreateJob): Promise<void> {
    const { ovirt, signal } = this.ctx;
    const result = await claimAndCreate(
      {
        key: action.key,
        description: action.description,
        correlationId: action.correlationId,
        lookup: () => findJobId(ovirt, action.correlationId, action.description, signal),
        create: async () =>
          (await ovirt.addJob({ description: action.description, autoCleared: action.autoCleared, correlationId: action.correlationId }, signal)).id,
      },
      this.ctx,
    );
    if (result === 'blocked') return this.#wait(action.key, action.key);
    this.known.set(action.key, { state: 'CREATED', ovirtId: result.id });
    this.applied += 1;
    if (!result.adopted) this.ctx.counters.count('JobsCreated');
    this.ctx.log.info('oVirt job ready', { objectKey: action.key, jobId: result.id, adopted: result.adopted });
  }

  private async createStep(action: CreateStep): Promise<void> {
    const jobId = this.idOf(action.jobKey);
    const parentId = action.parentKey === null ? undefined : this.idOf(action.parentKey);
    if (jobId === undefined || (action.parentKey !== null && parentId === undefined)) {
      return this.#wait(action.jobKey, action.key);
    }
    const { ovirt, signal } = this.ctx;
    const input = { description: action.description, type: action.type, parentStepId: parentId };
    const result = await this.unlessJobGone(action.jobKey, jobId, action.key, () =>
      claimAndCreate(
        {
          key: action.key,
          description: action.description,
          parentKey: action.parentKey ?? undefined,
          lookup: () => findStepId(ovirt, jobId, parentId, action.description, signal),
          create: async () => (await ovirt.addStep(jobId, input, signal)).id,
        },
        this.ctx,
      ),
    );
    if (result === undefined) return;
    if (result === 'blocked') return this.#wait(action.jobKey, action.key);
    this.known.set(action.key, { state: 'CREATED', ovirtId: result.id });
    this.applied += 1;
    if (!result.adopted) this.ctx.counters.count('StepsCreated');
  }

  private async endStep(action: EndStep): Promise<void> {
    const jobId = this.idOf(action.jobKey);
    const stepId = this.idOf(action.key);
    if (jobId === undefined || stepId === undefined) return this.#wait(action.jobKey, action.key);
    const done = await this.unlessJobGone(action.jobKey, jobId, action.key, async () => {
      await this.ctx.ovirt.endStep(jobId, stepId, { succeeded: true }, this.ctx.signal);
      return true;
    });
    if (done === undefined) return;
    await this.ctx.store.markEnded(this.ctx.executionArn, action.key, 'finished', this.ctx.signal);
    this.known.set(action.key, { state: 'ENDED', ovirtId: stepId });
    this.applied += 1;
    this.ctx.counters.count('StepsEnded');
  }

  private async endJob(action: EndJob): Promise<void> {
    const jobId = this.idOf(action.key);
    // An ended job is never planned again, so ending it while one of its steps waits for
    // another claim (a live invocation, or a crashed one whose lease has not lapsed) would
    // lose that step for good. The job end waits for the next run instead.
    if (jobId === undefined || this.#waitingJobs.has(action.key)) return this.#wait(action.key, action.key);
    const done = await this.unlessJobGone(action.key, jobId, action.key, async () => {
      await this.ctx.ovirt.endJob(jobId, { succeeded: action.succeeded }, this.ctx.signal);
      return true;
    });
    if (done === undefined) return;
    const endedAs = action.succeeded ? 'finished' : 'failed';
    await this.ctx.store.markEnded(this.ctx.executionArn, action.key, endedAs, this.ctx.signal);
    this.known.set(action.key, { state: 'ENDED', ovirtId: jobId });
    this.applied += 1;
    this.ctx.counters.count('JobsEnded');
    this.ctx.log.info('oVirt job ended', { objectKey: action.key, jobId, endedAs });
  }

  /** #wait records that `key` (an object of job `jobKey`) must wait for a later run. */
  #wait(jobKey: string, key: string): void {
    this.#waitingJobs.add(jobKey);
    this.blocked.push(key);
  }

  /**
   * unlessJobGone runs `call`; when the engine refuses it with a 400 (the engine answers 400,
   * not 404, for steps of a job it no longer has), it asks whether the job still exists. If not,
   * the job was cleaned up by oVirt: its row and the object's row become GONE, the rest of the
   * job's actions are skipped, and it is never recreated. Resolves to undefined in that case.
   */
  private async unlessJobGone<T>(jobKey: string, jobId: string, key: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (!isOvirtHttpError(error) || error.status !== 400) throw error;
      if ((await this.ctx.ovirt.getJob(jobId, this.ctx.signal)) !== null) throw error;
      await this.markGone(jobKey, key);
      return undefined;
    }
  }

  private async markGone(jobKey: string, key: string): Promise<void> {
    // The object first, the job last: a run that dies in between leaves the job row CREATED, so
    // the next run meets the gone job again and finishes this. (A GONE job row is never planned
    // again; settleUnderGoneJobs resolves the rows left under one.)
    for (const k of new Set([key, jobKey])) {
      await this.ctx.store.markGone(this.ctx.executionArn, k, this.ctx.signal);
      this.known.set(k, { state: 'GONE' });
    }
    this.gone.push(...new Set([jobKey, key]));
    this.ctx.counters.count('ObjectsGone');
    this.ctx.log.warn('oVirt no longer has this job (cleaned up); it will not be recreated', { objectKey: jobKey });
  }
}
