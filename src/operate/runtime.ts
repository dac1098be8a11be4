/**
 * openRuntime builds, for a CLI run, the same Runtime the Lambda functions build at cold start
 * (src/runtime/runtime.ts) from the same configuration variables, and reads the oVirt password
 * the way the functions' middleware does: from OVIRT_PASSWORD when set, else from the secret
 * OVIRT_PASSWORD_SECRET names. So a subcommand syncs exactly as the functions would.
 */
import { loadConfig } from '../config/index.js';
import type { Config } from '../config/index.js';
import type { Env } from '../config/env.js';
import type { ReconcileDeps } from '../reconcile/deps.js';
import { createRuntime } from '../runtime/runtime.js';
import type { Runtime, RuntimeOverrides } from '../runtime/runtime.js';

/** OperateRuntime: the runtime plus reconcile dependencies with the password resolved. */
export interface OperateRuntime {
  readonly config: Config;
  readonly runtime: Runtime;
  readonly deps: ReconcileDeps;
}

/**
 * openRuntime loads the configuration from `env` (a ConfigError says which variable to fix)
 * and resolves the password. `overrides` replaces parts in tests.
 */
export async function openRuntime(env: Env, overrides: RuntimeOverrides = {}): Promise<OperateRuntime> {
  const config = loadConfig(env);
  const runtime = createRuntime(config, overrides);
  const secret = config.ovirt.passwordSecret;
  const password = secret === undefined ? undefined : await runtime.readPassword(secret);
  return { config, runtime, deps: runtime.deps(password) };
}
