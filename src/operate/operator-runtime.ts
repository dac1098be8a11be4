/**
 * createOperatorRuntime builds the functions' Runtime for a command that runs their code in
 * the operator's process (replay-dlq, and status/resync/backfill through sync-runtime.ts): the
 * same configuration, adapters and
 * clients as in Lambda, with two differences that keep the command's own output readable.
 * EMF metric lines are meant for CloudWatch Logs in Lambda; on a terminal they would only
 * clutter stdout (and break --json), so they are off unless POWERTOOLS_METRICS_DISABLED says
 * otherwise. And the handlers' log lines go to stderr only: INFO and DEBUG would be written
 * to stdout, so the level is at least WARN.
 */
import type { Config } from '../config/index.js';
import { createRuntime } from '../runtime/runtime.js';
import type { Runtime, RuntimeOverrides } from '../runtime/runtime.js';

/** createOperatorRuntime builds the runtime for `config` (read with loadConfig: a ConfigError says what to fix). */
export function createOperatorRuntime(config: Config, overrides: RuntimeOverrides = {}): Runtime {
  // Powertools reads this when the runtime's Metrics is created, just below.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const logLevel = config.logLevel === 'ERROR' ? 'ERROR' : 'WARN';
  return createRuntime({ ...config, logLevel }, overrides);
}
