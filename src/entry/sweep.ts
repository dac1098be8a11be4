/**
 * makeSweepHandler wires the scheduled sweep: re-sync open executions within the per-run
 * history budget and before the invocation's soft deadline (see reconcile/sweep.ts), and return its report.
 */
import type { Context } from 'aws-lambda';
import type { SweepReport } from '../reconcile/sweep.js';
import { sweepExecutions } from '../reconcile/sweep.js';
import type { Runtime } from '../runtime/runtime.js';
import { recordOldestDueAge } from '../runtime/telemetry.js';
import { expressSettings } from './express-settings.js';
import { handlerStack, invocationDeps } from './handler-stack.js';

/** makeSweepHandler returns the middy handler for `runtime`. */
export function makeSweepHandler(runtime: Runtime) {
  const { config } = runtime;
  const base = async (_event: unknown, context: Context, { signal }: { signal: AbortSignal }): Promise<SweepReport> => {
    runtime.counters.count('SweepRuns');
    const report = await sweepExecutions(
      invocationDeps(runtime, context),
      {
        maxExecutions: config.sweepMaxExecutions,
        historyBudget: config.sweepHistoryBudget,
        discoverIn: config.stateMachineArns,
        discoveryPercent: config.sweepDiscoveryPercent,
        discoveryScanLimit: config.sweepDiscoveryScanLimit,
        express: expressSettings(config),
      },
      signal,
    );
    recordOldestDueAge(runtime.metrics, report.oldestDueAgeSeconds);
    runtime.log.info('Sweep finished', { ...report });
    return report;
  };
  return handlerStack(runtime, base);
}
