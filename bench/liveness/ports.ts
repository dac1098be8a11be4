/**
 * The ports of the liveness benchmark: the fleet's history as a HistoryReader, the in-memory
 * tracking store and engine of the unit tests, each wrapped to count its calls and to wait a
 * modelled latency per call in virtual time (virtual-time.ts).
 *
 * Why in-memory and virtual time: 10,000 running executions make about 130 transitions a
 * second, and the sweep needs more than an hour and a half of virtual time to visit them all
 * once; neither fits two cores in real time. The reconciler, the planner, the push path and
 * the sweep are the product's own code; only the time a call takes is modelled (LATENCY).
 */
import type { HistoryEvent } from '../../src/model/execution.js';
import type { AddJobInput, AddStepInput, OvirtJob, OvirtStep } from '../../src/model/ovirt.js';
import type { HistoryPage, HistoryReader, OvirtJobs, TrackingStore } from '../../src/ports.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../test/helpers/in-memory-ports.js';
import type { Fleet } from './fleet.js';
import { stateIndexIn } from './fleet.js';

/** LATENCY is the modelled time of one call, in ms: a DynamoDB request, an oVirt request, a Step Functions request. */
export const LATENCY = Object.freeze({ dynamo: 5, ovirt: 5, sfn: 20 });

/** Tally counts calls by service and operation over a phase of the run. */
export class Tally {
  readonly calls = new Map<string, number>();
  add(key: string, n = 1): void {
    this.calls.set(key, (this.calls.get(key) ?? 0) + n);
  }
  sum(prefix: string, names?: readonly string[]): number {
    let total = 0;
    for (const [key, n] of this.calls) if (key.startsWith(prefix) && (names === undefined || names.includes(key.slice(prefix.length)))) total += n;
    return total;
  }
  reset(): void {
    this.calls.clear();
  }
}

/** Sleep waits `ms` of virtual time: the modelled duration of one call. */
export type Sleep = (ms: number) => Promise<void>;

/** fleetHistory answers Step Functions reads from the fleet at the virtual time `now()`. */
export function fleetHistory(fleet: Fleet, now: () => number, tally: Tally, sleep: Sleep): HistoryReader {
  const visible = (arn: string): HistoryEvent[] => fleet.eventsOf(fleet.indexOf(arn), now());
  const page = (events: readonly HistoryEvent[]): number => Math.max(1, Math.ceil(events.length / 1000));
  return {
    describeExecution: async (arn) => {
      tally.add('sfn:DescribeExecution');
      await sleep(LATENCY.sfn);
      return fleet.describe(fleet.indexOf(arn));
    },
    // The answer is what was visible when the request was made; the wait is the call's latency.
    readEventsAfter: async (arn, after) => {
      const events = visible(arn).filter((event) => event.id > after);
      tally.add('sfn:GetExecutionHistory', page(events));
      await sleep(LATENCY.sfn * page(events));
      return events;
    },
    readPage: async (arn, token): Promise<HistoryPage> => {
      const from = token === undefined ? 0 : Number(token);
      const all = visible(arn);
      const events = all.slice(from, from + 1000);
      tally.add('sfn:GetExecutionHistory');
      await sleep(LATENCY.sfn);
      return { events, nextToken: from + 1000 < all.length ? String(from + 1000) : undefined };
    },
    describeDefinition: () => Promise.reject(new Error('The fleet has no Parallel state; no definition is read')),
    describeMapRun: () => Promise.reject(new Error('The fleet has no Distributed Map; no Map Run is read')),
    listRunning: async (_sm, limit) => {
      tally.add('sfn:ListExecutions', Math.max(1, Math.ceil(Math.min(limit, fleet.arns.length) / 1000)));
      await sleep(LATENCY.sfn);
      return fleet.arns.slice(0, limit);
    },
  };
}

/** DynamoDB requests a store call makes (BatchGetItem reads up to 100 keys per request). */
function requestsOf(method: string, args: readonly unknown[]): number {
  if (method === 'getRecords') return Math.max(1, Math.ceil((args[1] as readonly string[]).length / 100));
  if (method === 'trackedAmong') return Math.max(1, Math.ceil((args[0] as readonly string[]).length / 100));
  return 1;
}

/** countingStore wraps the in-memory store: every call is counted and waits as DynamoDB requests. */
export function countingStore(tally: Tally, sleep: Sleep): TrackingStore {
  const inner = new InMemoryTrackingStore();
  const store: TrackingStore = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        const n = requestsOf(property, args);
        tally.add(`dynamo:${property}`, n);
        // The write lands when the request reaches the table, half way; the answer comes back after the rest.
        await sleep((LATENCY.dynamo * n) / 2);
        const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
        await sleep((LATENCY.dynamo * n) / 2);
        return result;
      };
    },
  });
  return store;
}

/** StepSeen: the virtual time the step of state k of an execution was created in oVirt. */
export type StepSeen = (jobId: string, k: number, at: number) => void;

/** recordingEngine is the unit tests' engine, counted, waiting its latency, and telling when each step appeared. */
export function recordingEngine(
  tally: Tally,
  sleep: Sleep,
  now: () => number,
  seen: StepSeen,
  jobs: (jobId: string, description: string) => void,
  ended: (stepId: string) => void,
): OvirtJobs {
  const engine = new FakeOvirt();
  const counted = <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    tally.add(`ovirt:${name}`);
    // Applied when the request reaches the engine, half way; the answer takes the other half.
    await sleep(LATENCY.ovirt / 2);
    const result = await call(...args);
    await sleep(LATENCY.ovirt / 2);
    return result;
  };
  return {
    addJob: counted('addJob', async (input: AddJobInput, _signal?: AbortSignal): Promise<OvirtJob> => {
      const job = await engine.addJob(input);
      jobs(job.id, input.description);
      return job;
    }),
    getJob: counted('getJob', (id: string, _signal?: AbortSignal) => engine.getJob(id)),
    findJobsByCorrelationId: counted('findJobsByCorrelationId', (cid: string, _signal?: AbortSignal) => engine.findJobsByCorrelationId(cid)),
    endJob: counted('endJob', (id: string, options: { succeeded: boolean }, _signal?: AbortSignal) => engine.endJob(id, options)),
    addStep: counted('addStep', async (jobId: string, input: AddStepInput, _signal?: AbortSignal): Promise<OvirtStep> => {
      const step = await engine.addStep(jobId, input);
      const k = stateIndexIn(input.description);
      if (k !== undefined) seen(jobId, k, now());
      return step;
    }),
    listSteps: counted('listSteps', (jobId: string, _signal?: AbortSignal) => engine.listSteps(jobId)),
    endStep: counted('endStep', (jobId: string, stepId: string, _options: { succeeded: boolean }, _signal?: AbortSignal) => {
      ended(stepId);
      return engine.endStep(jobId, stepId);
    }),
  };
}
