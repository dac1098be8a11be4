/**
 * The first check: the configuration the functions would start with is valid, read by the
 * product's own loader and the oVirt client's own option checks. Everything else depends on it.
 */
import { createOvirtClient } from '../../adapters/ovirt/index.js';
import type { Config } from '../../config/index.js';
import { loadConfig } from '../../config/index.js';
import type { Env } from '../../config/env.js';
import type { PushPathSettings } from '../../config/push-path-settings.js';
import { readPushPathSettings } from '../../config/push-path-settings.js';
import { isConfigError } from '../../errors.js';
import { ovirtClientOptions } from '../../runtime/runtime.js';
import type { CheckResult } from './check-result.js';
import { failed, messageOf, passed } from './check-result.js';

const ID = 'config';
const NAME = 'Configuration valid';

/**
 * What to set when the oVirt client refuses one of its options: its messages name the
 * client's options, the operator sets environment variables.
 */
const FIX_OF_CLIENT_OPTION: Readonly<Record<string, string>> = {
  url: 'Set OVIRT_URL to https://<engine FQDN>/ovirt-engine/api. Plain http:// is for a local simulator only, and then needs OVIRT_ALLOW_HTTP=true.',
  username: 'Set OVIRT_USERNAME to user@profile, e.g. admin@internal.',
  password: 'Set OVIRT_PASSWORD (or OVIRT_PASSWORD_SECRET) together with OVIRT_USERNAME.',
  token: 'Set OVIRT_USERNAME and OVIRT_PASSWORD (or OVIRT_PASSWORD_SECRET), or OVIRT_TOKEN.',
  caFile: 'Point OVIRT_CAFILE at a readable PEM file of the engine CA (or give its text as OVIRT_CA_PEM instead, not both).',
  caPem: 'Set OVIRT_CA_PEM to the PEM text of the engine CA (-----BEGIN CERTIFICATE----- …).',
  insecure: 'Drop OVIRT_INSECURE when a CA is given (OVIRT_CAFILE or OVIRT_CA_PEM).',
  headers: 'Remove the header the message names from OVIRT_HEADERS: the client sets it itself.',
};

/** DoctorSetup is what the later checks work from. */
export interface DoctorSetup {
  readonly config: Config;
  readonly push: PushPathSettings;
}

/** ConfigurationOutcome is the check's result and, when valid, the setup. */
export interface ConfigurationOutcome {
  readonly result: CheckResult;
  /** A ConfigError made the configuration invalid (the command then exits with USAGE). */
  readonly configError: boolean;
  readonly setup?: DoctorSetup | undefined;
}

/**
 * checkConfiguration loads the configuration and builds (and closes) an oVirt client from it,
 * which refuses a plain-HTTP URL, an unreadable or non-PEM CA and contradicting TLS settings.
 */
export async function checkConfiguration(env: Env): Promise<ConfigurationOutcome> {
  try {
    const config = loadConfig(env);
    const push = readPushPathSettings(env);
    // The password may still be in its secret (read by a later check); a stand-in lets the
    // client check everything else now, before any request is sent: none is sent here.
    const client = createOvirtClient(ovirtClientOptions(config.ovirt, config.ovirt.password ?? 'stand-in', { warn: () => undefined }));
    await client.close();
    return { result: passed(ID, NAME, summary(config)), configError: false, setup: { config, push } };
  } catch (error) {
    if (!isConfigError(error)) throw error;
    const fix = FIX_OF_CLIENT_OPTION[error.variable.split('.')[0] ?? ''] ?? `Set ${error.variable} as the message says, then run the doctor again.`;
    return { result: failed(ID, NAME, messageOf(error), fix), configError: true };
  }
}

function summary(config: Config): string {
  const machines = config.stateMachineArns.length === 0 ? 'no allow-list' : `${config.stateMachineArns.length} allow-listed state machine(s)`;
  return `oVirt ${config.ovirt.url} as ${config.ovirt.username ?? 'the given token'}, table ${config.tableName} in ${config.region}, ${machines}`;
}
