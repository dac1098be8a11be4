/**
 * createOperatorRuntime builds the functions' Runtime for a command that runs their code in
 * the operator's process (replay, resync): the same configuration variables, adapters and
 * clients as in Lambda, with two differences that keep the command's own output readable.
 * EMF metric lines are meant for CloudWatch Logs in Lambda; on a terminal they would only
 * clutter stdout (and break --json), so they are off unless POWERTOOLS_METRICS_DISABLED says
 * otherwise. And the handlers' log lines go to stderr only: INFO and DEBUG would be written
 * to stdout, so the level is at least WARN.
 */
import type { Env } from '../config/env.js';
import { loadConfig } from '../config/index.js';
import { createRuntime } from '../runtime/runtime.js';
import type { Runtime, RuntimeOverrides } from '../runtime/runtime.js';

/** createOperatorRuntime reads `env` (ConfigError when invalid) and builds the runtime. */
export function createOperatorRuntime(env: Env, overrides: RuntimeOverrides = {}): Runtime {
  // Powertools reads this when the runtime's Metrics is created, just below.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const config = loadConfig(env);
  const logLevel = config.logLevel === 'ERROR' ? 'ERROR' : 'WARN';
  return createRuntime({ ...config, logLevel }, overrides);
}
