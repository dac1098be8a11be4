/**
 * fast-check arbitraries of chaos schedules (see schedule.ts). Weights favour what finds bugs:
 * crashes and duplicates are common, faults are short (a few calls) so schedules still make
 * progress, latencies stay ≤ 20 ms so thousands of schedules fit in a run.
 */
import fc from 'fast-check';
import { CHAOS_OVIRT_TIMEOUT_MS, CHAOS_SWEEP_MAX_EXECUTIONS, HOSTILE_KINDS, HOSTILE_ROUTES, MAX_CLOCK_SKEW_MS } from './dimensions.js';
import type { Dimensions, FaultDimension, LogBatchPlan, SlowCall } from './dimensions.js';
import { generatedRecording, pipelineArb } from './generated-pipeline.js';
import type { CrashPlan } from './invocation.js';
import { FIXTURE_NAMES, fixtureRecordings } from './recordings.js';
import type { EngineRoute, ExecutionPlan, FaultSpec, Schedule, ScheduleStep } from './schedule.js';
import { TABLE_FAULT_KINDS } from './table-faults.js';

/** MAX_CRASH_CALL bounds the port call a crash may hit (a fixture's full sync makes up to ~120). */
export const MAX_CRASH_CALL = 120;

const ROUTES: readonly EngineRoute[] = [
  'POST /jobs',
  'POST /jobs/{id}/steps',
  'POST /jobs/{id}/end',
  'POST /jobs/{id}/steps/{id}/end',
  'GET /jobs',
  'GET /jobs/{id}/steps',
  'any',
];
const SFN_OPERATIONS = ['DescribeExecution', 'GetExecutionHistory', 'ListExecutions', 'DescribeStateMachineForExecution', null] as const;

/** Early calls (lease, reads, the first creates) are hit more often; any call up to MAX_CRASH_CALL can be. */
const crashCallArb = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: MAX_CRASH_CALL }) });

/** crashArb: no crash (most often) or a crash at call 1..MAX_CRASH_CALL, before or after the call. */
export const crashArb: fc.Arbitrary<CrashPlan | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ atCall: crashCallArb, mode: fc.constantFrom('before' as const, 'after' as const) }) },
);

/** pausesArb: up to 4 event counts (ascending) at which revealing pauses, for a history of `total` events. */
const pausesArb = (total: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, total - 1) }), { maxLength: 4 }).map((cuts) => [...cuts].sort((a, b) => a - b));

// 0 = lost (best-effort delivery), 1 mostly, up to 5 copies (EventBridge and Lambda retries).
const copiesArb = fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 8, arbitrary: fc.constant(1) }, { weight: 4, arbitrary: fc.integer({ min: 2, max: 5 }) }), {
  minLength: 4,
  maxLength: 4,
});

const fixtureExecutionArb: fc.Arbitrary<ExecutionPlan> = fc.constantFrom(...FIXTURE_NAMES).chain((fixture) =>
  fc.record({ fixture: fc.constant(fixture), pauses: pausesArb(fixtureRecordings().get(fixture)?.events.length ?? 2), copies: copiesArb }),
);

const generatedExecutionArb: fc.Arbitrary<ExecutionPlan> = pipelineArb.chain((pipeline) =>
  fc.record({
    fixture: fc.constant('generated' as const),
    pipeline: fc.constant(pipeline),
    pauses: pausesArb(generatedRecording(pipeline, 'probe', 0).events.length),
    copies: copiesArb,
  }),
);

/** deadlineArb: mostly none; sometimes the soft deadline comes after k port calls (resumable syncs must finish later). */
export const deadlineArb: fc.Arbitrary<number | null> = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 25 }) });

const executionArb: fc.Arbitrary<ExecutionPlan> = fc.oneof({ weight: 3, arbitrary: fixtureExecutionArb }, { weight: 2, arbitrary: generatedExecutionArb });

const engineRuleArb = fc.record({
  kind: fc.constant('engine' as const),
  rule: fc.constantFrom('latency' as const, 'http-500' as const, 'http-503' as const, 'reset-before-apply' as const, 'reset-after-apply' as const),
  route: fc.constantFrom(...ROUTES),
  times: fc.integer({ min: 1, max: 4 }),
  latencyMs: fc.integer({ min: 1, max: 20 }),
});

// Engine faults weigh most: they hit the writes whose answers can be lost (an add applied but unanswered).
const faultArb: fc.Arbitrary<FaultSpec> = fc.oneof(
  { weight: 5, arbitrary: engineRuleArb },
  { weight: 1, arbitrary: fc.constant({ kind: 'engine-restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'token-revoke' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'engine-cleanup' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sfn-throttle' as const), operation: fc.constantFrom(...SFN_OPERATIONS), times: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sfn-5xx' as const),
      status: fc.constantFrom(500 as const, 503 as const),
      operation: fc.constantFrom(...SFN_OPERATIONS),
      times: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('table' as const), fault: fc.constantFrom(...TABLE_FAULT_KINDS), times: fc.integer({ min: 1, max: 2 }) }) },
);

const deliverArb = (maxConcurrency: number): fc.Arbitrary<ScheduleStep> =>
  fc.integer({ min: 1, max: maxConcurrency }).chain((concurrency) =>
    fc.record({
      kind: fc.constant('deliver' as const),
      picks: fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }),
      concurrency: fc.constant(concurrency),
      crashes: fc.array(crashArb, { minLength: 8, maxLength: 8 }),
      deadlines: fc.array(deadlineArb, { minLength: 8, maxLength: 8 }),
    }),
  );

const stepArb = (executions: number): fc.Arbitrary<ScheduleStep> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('reveal' as const), execution: fc.nat(executions - 1) }) },
    { weight: 6, arbitrary: deliverArb(8) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('sweep' as const), crash: crashArb, deadline: deadlineArb }) },
    // Small jumps (retries, back-off) and jumps past the 120 s lease, so crashed claims lapse mid-schedule.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(1_000, 30_000, 121_000) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('fault' as const), fault: faultArb }) },
  );

/**
 * Slow calls last just under the oVirt timeout (they succeed), just over it, well over it, past
 * the event handler's 60 s timeout and past the lease: the client gives up at the timeout.
 */
const slowCallArb: fc.Arbitrary<SlowCall> = fc.record({
  atOvirtCall: fc.integer({ min: 1, max: 8 }),
  ms: fc.constantFrom(CHAOS_OVIRT_TIMEOUT_MS - 1_000, CHAOS_OVIRT_TIMEOUT_MS - 100, CHAOS_OVIRT_TIMEOUT_MS + 1_000, 61_000, 150_000),
  phase: fc.constantFrom('before' as const, 'after' as const),
});

/** Log deliveries: records spread over both streams; a delivery mostly arrives once, sometimes lost or repeated. */
const logBatchPlanArb: fc.Arbitrary<LogBatchPlan> = fc.record({
  // One stream now and then: its deliveries continue the cursor without a gap (the push path's saving case).
  streams: fc.oneof(fc.constant([0]), fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 8 })),
  copies: fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 8, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 3 }) }), {
    minLength: 1,
    maxLength: 6,
  }),
  revealsPerBatch: fc.integer({ min: 1, max: 3 }),
});

const skewArb = fc.constantFrom(-MAX_CLOCK_SKEW_MS, -10_000, -5_000, -1_000, 0, 1_000, 5_000, 10_000, MAX_CLOCK_SKEW_MS);

/** Each enabled dimension is on in about half the schedules, so its effect and its absence both show. */
const sometimes = <T>(on: boolean, arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  on ? fc.oneof(fc.constant(undefined), arb) : fc.constant(undefined);

/** dimensionsArb draws the enabled dimensions of one schedule with `steps` steps. */
export function dimensionsArb(kinds: readonly FaultDimension[], steps: number): fc.Arbitrary<Dimensions> {
  const on = (kind: FaultDimension): boolean => kinds.includes(kind);
  return fc.record({
    slowCalls: sometimes(on('slow-calls'), fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: slowCallArb }), { minLength: 2, maxLength: 8 })),
    sweepsAlongside: sometimes(
      on('slow-calls') || on('clock-skew'),
      fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: on('slow-calls') ? 2 : 0, arbitrary: slowCallArb }), { minLength: 1, maxLength: 4 }),
    ),
    clockSkewMs: sometimes(on('clock-skew'), fc.array(skewArb, { minLength: 2, maxLength: 6 })),
    nonAdmin: sometimes(on('non-admin'), fc.record({ lostAdds: fc.integer({ min: 0, max: 3 }) })),
    hostile: sometimes(
      on('hostile-2xx'),
      fc.array(
        fc.record({ at: fc.integer({ min: 0, max: steps }), kind: fc.constantFrom(...HOSTILE_KINDS), route: fc.constantFrom(...HOSTILE_ROUTES), times: fc.integer({ min: 1, max: 3 }) }),
        { minLength: 1, maxLength: 4 },
      ),
    ),
    poison: sometimes(on('poison'), fc.integer({ min: CHAOS_SWEEP_MAX_EXECUTIONS, max: CHAOS_SWEEP_MAX_EXECUTIONS + 2 })),
    // Drawn last: adding it changed none of the other dimensions' draws.
    logBatches: sometimes(on('log-batches'), logBatchPlanArb),
  });
}

/**
 * scheduleArb generates whole schedules of 1–2 executions and up to `maxSteps` steps, then the
 * enabled fault dimensions. The base schedule is drawn first: with no dimension enabled the
 * arbitrary is exactly the one that found the schedules of known-failing-seeds.ts.
 */
export function scheduleArb(maxSteps = 24, kinds: readonly FaultDimension[] = []): fc.Arbitrary<Schedule> {
  const base = fc.array(executionArb, { minLength: 1, maxLength: 2 }).chain((executions) =>
    fc.record({
      executions: fc.constant(executions),
      steps: fc.array(stepArb(executions.length), { maxLength: maxSteps }),
      finale: fc.record({ concurrency: fc.integer({ min: 1, max: 8 }), crashes: fc.array(crashArb, { minLength: 8, maxLength: 8 }) }),
    }),
  );
  if (kinds.length === 0) return base;
  return base.chain((schedule) => dimensionsArb(kinds, schedule.steps.length).map((dimensions): Schedule => ({ ...schedule, dimensions: withoutUnset(dimensions) })));
}

/** withoutUnset drops the dimensions left off, so printed schedules stay short. */
function withoutUnset(dimensions: Dimensions): Dimensions {
  return Object.fromEntries(Object.entries(dimensions).filter(([, value]) => value !== undefined));
}
