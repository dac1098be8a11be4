/**
 * makeSweepHandler wires the scheduled sweep: re-sync open executions within the per-run
 * history budget and before the invocation's soft deadline (see reconcile/sweep.ts), and return its report.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { OVIRT_PASSWORD_KEY, ovirtPassword } from '../middleware/ovirt-password.js';
import { outcomeLogger } from '../middleware/outcome-logger.js';
import type { SweepReport } from '../reconcile/sweep.js';
import { sweepExecutions } from '../reconcile/sweep.js';
import type { Runtime } from '../runtime/runtime.js';
import { recordOldestDueAge } from '../runtime/telemetry.js';
import { expressSettings } from './express-settings.js';
import { softDeadline } from './soft-deadline.js';

/** makeSweepHandler returns the middy handler for `runtime`. */
export function makeSweepHandler(runtime: Runtime) {
  const { config } = runtime;
  const base = async (_event: unknown, context: Context, { signal }: { signal: AbortSignal }): Promise<SweepReport> => {
    runtime.counters.count('SweepRuns');
    const password = (context as Context & { [OVIRT_PASSWORD_KEY]?: string })[OVIRT_PASSWORD_KEY];
    const report = await sweepExecutions(
      { ...runtime.deps(password), remainingMs: softDeadline(context, config.deadlineMarginSeconds) },
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
  return middy(base)
    .use(injectLambdaContext(runtime.logger, { resetKeys: true, logEvent: false }))
    .use(ovirtPassword({ secret: config.ovirt.passwordSecret, read: runtime.readPassword }))
    .use(outcomeLogger(runtime.log, runtime.counters))
    .use(logMetrics(runtime.metrics));
}
