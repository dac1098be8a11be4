/**
 * runDoctor runs every check in order — configuration, engine, tracking table, state machines,
 * push path — and reports each result as soon as it is known, so a slow check shows where it
 * is. A check whose prerequisite failed is skipped with the reason.
 */
import type { Config } from '../../config/index.js';
import type { Env } from '../../config/env.js';
import { checkPushPath, checkStateMachines, checkTrackingTable } from './aws-checks.js';
import type { CheckResult } from './check-result.js';
import { skipped } from './check-result.js';
import { checkConfiguration } from './configuration-check.js';
import { checkEngine } from './engine-checks.js';

/** DoctorOptions: the configuration environment, --write-check, and the command's abort signal. */
export interface DoctorOptions {
  readonly env: Env;
  readonly writeCheck: boolean;
  readonly signal: AbortSignal;
  /** Replaces the password secret read (tests). */
  readonly readPassword?: ((config: Config) => Promise<string>) | undefined;
}

/** DoctorReport is every check's result; `ok` when none failed. */
export interface DoctorReport {
  readonly ok: boolean;
  /** The configuration itself is invalid (nothing else could be checked). */
  readonly configError: boolean;
  readonly checks: readonly CheckResult[];
}

/** runDoctor runs the checks; `onResult` sees each result the moment it is known. */
export async function runDoctor(options: DoctorOptions, onResult: (result: CheckResult) => void = () => undefined): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  const report = (result: CheckResult): void => {
    checks.push(result);
    onResult(result);
  };
  const configuration = await checkConfiguration(options.env);
  report(configuration.result);
  const setup = configuration.setup;
  if (setup === undefined) {
    const later = [['engine', 'oVirt engine'], ['table', 'Tracking table'], ['stateMachines', 'State machines'], ['push', 'Push path']] as const;
    for (const [id, name] of later) report(skipped(id, name, 'the configuration is invalid'));
    return { ok: false, configError: configuration.configError, checks };
  }
  const { config, push } = setup;
  const { signal } = options;
  try {
    await checkEngine(config, { writeCheck: options.writeCheck, signal, readPassword: options.readPassword }, report);
    report(await checkTrackingTable(config, signal));
    const machines = await checkStateMachines(config, signal);
    machines.results.forEach(report);
    (await checkPushPath(config, push, machines.found, signal)).forEach(report);
  } catch (error) {
    if (!signal.aborted) throw error;
    // Interrupted (Ctrl-C): what was checked stands; an unfinished run never passes.
    report({ id: 'interrupted', name: 'Interrupted', status: 'failed', detail: 'the remaining checks were not run', fix: 'Run the doctor again to the end.' });
  }
  return { ok: checks.every((check) => check.status !== 'failed'), configError: false, checks };
}
