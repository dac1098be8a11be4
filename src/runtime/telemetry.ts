/**
 * Powertools Logger and Metrics behind our Log and Counters surfaces: structured JSON log
 * lines and CloudWatch EMF metrics (namespace OvirtPipelineJobs).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Counters, Log } from '../model/telemetry.js';

export const SERVICE_NAME = 'ovirt-pipeline-jobs';

/** createLogger returns the process-wide Powertools logger at `level`. */
export function createLogger(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): Logger {
  return new Logger({ serviceName: SERVICE_NAME, logLevel: level });
}

/** asLog adapts a Powertools Logger to Log. */
export function asLog(logger: Logger): Log {
  return {
    debug: (message, extra) => logger.debug(message, extra ?? {}),
    info: (message, extra) => logger.info(message, extra ?? {}),
    warn: (message, extra) => logger.warn(message, extra ?? {}),
    error: (message, extra) => logger.error(message, extra ?? {}),
  };
}

/** createMetrics returns the process-wide Powertools Metrics (flushed after each invocation by the handler middleware). */
export function createMetrics(): Metrics {
  return new Metrics({ namespace: 'OvirtPipelineJobs', serviceName: SERVICE_NAME });
}

/** asCounters adapts Powertools Metrics to Counters. */
export function asCounters(metrics: Metrics): Counters {
  return { count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value) };
}

/**
 * OLDEST_DUE_AGE_METRIC is the one metric that is not a count: each sweep's
 * SweepReport.oldestDueAgeSeconds (unit Seconds), which the "executions pending too long"
 * alarm in serverless.yml (src/deploy/alarms.cjs) watches.
 */
export const OLDEST_DUE_AGE_METRIC = 'OldestDueExecutionAgeSeconds';

/** recordOldestDueAge adds OLDEST_DUE_AGE_METRIC to the invocation's metrics. */
export function recordOldestDueAge(metrics: Metrics, seconds: number): void {
  metrics.addMetric(OLDEST_DUE_AGE_METRIC, MetricUnit.Seconds, seconds);
}
