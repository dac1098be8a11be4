/**
 * applyFault injects one scheduled fault into the running parts and records what the
 * invariants need to know about it: which jobs an engine restart turned `unknown`, which jobs
 * an engine cleanup deleted (they must never come back).
 */
import { correlationId } from '../../../src/core/correlation-id.js';
import type { ChaosEnvironment } from './environment.js';
import type { LiveExecution } from './live-execution.js';
import type { FaultSpec } from './schedule.js';
import { faultName } from './schedule.js';

/** IMMEDIATE_FAULTS happen when applied; the others fire when a matching call comes. */
export const IMMEDIATE_FAULTS: ReadonlySet<string> = new Set(['engine-restart', 'token-revoke', 'engine-cleanup']);

/** jobCorrelationIds lists the Correlation-Ids an execution's jobs can have (runs 0..3). */
export function jobCorrelationIds(executionArn: string): string[] {
  return [0, 1, 2, 3].map((run) => correlationId(executionArn, run));
}

/** applyFault injects `fault` and returns its figure name. */
export function applyFault(env: ChaosEnvironment, fault: FaultSpec, executions: readonly LiveExecution[]): string {
  switch (fault.kind) {
    case 'engine':
      env.engine.faults.add({
        kind: fault.rule,
        ...(fault.route === 'any' ? {} : { match: { route: fault.route } }),
        times: fault.times,
        ...(fault.rule === 'latency' ? { latencyMs: fault.latencyMs } : {}),
      });
      break;
    case 'engine-restart':
      for (const live of executions) noteStarted(env, live);
      env.engine.restart();
      break;
    case 'token-revoke':
      env.engine.revokeAllTokens();
      break;
    case 'engine-cleanup':
      cleanUp(env, executions);
      break;
    case 'sfn-throttle':
      env.sfn.throttle({ operation: fault.operation ?? undefined, times: fault.times });
      break;
    case 'sfn-5xx':
      env.sfn.failWith({ status: fault.status, operation: fault.operation ?? undefined, times: fault.times });
      break;
    case 'table':
      env.tableFaults.arm(fault.fault, fault.times);
      break;
  }
  return faultName(fault);
}

/** noteStarted remembers the execution's jobs and steps that are `started` just before a restart. */
function noteStarted(env: ChaosEnvironment, live: LiveExecution): void {
  for (const cid of jobCorrelationIds(live.arn)) {
    for (const job of env.engine.state.findByCorrelationId(cid)) {
      if (job.status === 'started') live.startedAtRestart.add(job.id);
      for (const step of env.engine.state.steps(job.id)) if (step.status === 'started') live.startedAtRestart.add(step.id);
    }
  }
}

/** cleanUp runs one engine cleanup pass and remembers which of the schedule's jobs it deleted. */
function cleanUp(env: ChaosEnvironment, executions: readonly LiveExecution[]): void {
  const before = executions.map((live) => jobCorrelationIds(live.arn).filter((cid) => env.engine.state.findByCorrelationId(cid).length > 0));
  env.engine.runCleanupNow();
  executions.forEach((live, i) => {
    for (const cid of before[i] ?? []) if (env.engine.state.findByCorrelationId(cid).length === 0) live.cleanedJobs.add(cid);
  });
}

/** firedCounters reads the cumulative fired-fault counters of the parts (engine rules, stub throttles, table faults). */
export function firedCounters(env: ChaosEnvironment): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const [kind, n] of Object.entries(env.engine.faults.injected())) counters[`engine:${kind}`] = n;
  counters['sfn:throttle'] = env.sfn.stats().throttled;
  for (const [kind, n] of Object.entries(env.tableFaults.fired)) counters[`table:${kind}`] = n;
  return counters;
}

/** subtractCounters returns `after - before` per key. */
export function subtractCounters(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([key, n]) => [key, n - (before[key] ?? 0)]));
}
