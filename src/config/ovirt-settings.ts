/**
 * OvirtSettings: how to reach and authenticate to the oVirt engine, read from the same
 * variable names the oVirt Ansible collection uses (OVIRT_URL, OVIRT_HOSTNAME, OVIRT_USERNAME,
 * OVIRT_PASSWORD, OVIRT_TOKEN, OVIRT_CAFILE, OVIRT_INSECURE).
 */
import { ConfigError } from '../errors.js';
import { RESPONSE_CAP_LIMITS } from '../model/ovirt.js';
import type { Env } from './env.js';
import { readBoolean, readInteger, readString, readStringMap } from './env.js';

/** SecretRef points at the oVirt password in SSM Parameter Store (SecureString) or Secrets Manager. */
export interface SecretRef {
  readonly service: 'ssm' | 'secretsmanager';
  readonly id: string;
}

/** OvirtSettings is the validated oVirt part of the configuration. */
export interface OvirtSettings {
  /** API base, e.g. https://engine.example.com/ovirt-engine/api. */
  readonly url: string;
  readonly username?: string | undefined;
  /** Plain password (local runs); prefer passwordSecret in AWS. Never logged. */
  readonly password?: string | undefined;
  readonly passwordSecret?: SecretRef | undefined;
  /** A ready SSO token, used as is. Never logged. */
  readonly token?: string | undefined;
  readonly caFile?: string | undefined;
  readonly caPem?: string | undefined;
  /** @default false — skip TLS verification (logs a warning). */
  readonly insecure: boolean;
  /** @default false — allow plain http:// (local simulators only). */
  readonly allowHttp: boolean;
  /** @default 10000 — bounds each oVirt request as a whole (connect, headers, whole body). */
  readonly timeoutMs: number;
  /** Most bytes of one oVirt answer read; undefined leaves the client's default (DEFAULT_MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes?: number | undefined;
  readonly extraHeaders: Readonly<Record<string, string>>;
}

/** readOvirtSettings reads and validates the oVirt variables. */
export function readOvirtSettings(env: Env): OvirtSettings {
  const url = ovirtUrl(env);
  const token = readString(env, 'OVIRT_TOKEN');
  const username = readString(env, 'OVIRT_USERNAME');
  const password = readString(env, 'OVIRT_PASSWORD');
  const passwordSecret = parseSecretRef(readString(env, 'OVIRT_PASSWORD_SECRET'));
  if (token === undefined && username === undefined) {
    throw new ConfigError('OVIRT_USERNAME', 'is required (user@profile, e.g. admin@internal) unless OVIRT_TOKEN is set.');
  }
  if (token === undefined && password === undefined && passwordSecret === undefined) {
    throw new ConfigError(
      'OVIRT_PASSWORD',
      'is required unless OVIRT_PASSWORD_SECRET (an SSM SecureString or Secrets Manager secret) or OVIRT_TOKEN is set.',
    );
  }
  if (username !== undefined && !username.includes('@')) {
    throw new ConfigError('OVIRT_USERNAME', `must be user@profile (e.g. admin@internal), got "${username}".`);
  }
  return Object.freeze({
    url,
    username,
    password,
    passwordSecret,
    token,
    caFile: readString(env, 'OVIRT_CAFILE'),
    caPem: readString(env, 'OVIRT_CA_PEM'),
    insecure: readBoolean(env, 'OVIRT_INSECURE', false),
    allowHttp: readBoolean(env, 'OVIRT_ALLOW_HTTP', false),
    timeoutMs: readInteger(env, 'OVIRT_TIMEOUT_MS', 10_000, 100, 300_000),
    maxResponseBytes: readInteger(env, 'OVIRT_MAX_RESPONSE_BYTES', undefined, RESPONSE_CAP_LIMITS.min, RESPONSE_CAP_LIMITS.max),
    extraHeaders: readStringMap(env, 'OVIRT_HEADERS'),
  });
}

function ovirtUrl(env: Env): string {
  const url = readString(env, 'OVIRT_URL');
  const hostname = readString(env, 'OVIRT_HOSTNAME');
  if (url === undefined && hostname === undefined) {
    throw new ConfigError('OVIRT_URL', 'is required, e.g. https://engine.example.com/ovirt-engine/api (or set OVIRT_HOSTNAME).');
  }
  const candidate = url ?? `https://${hostname}/ovirt-engine/api`;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch (cause) {
    throw new ConfigError(url ? 'OVIRT_URL' : 'OVIRT_HOSTNAME', `"${candidate}" is not a valid URL.`, { cause });
  }
  if (parsed.username || parsed.password) {
    throw new ConfigError('OVIRT_URL', 'must not contain credentials; use OVIRT_USERNAME and OVIRT_PASSWORD(_SECRET).');
  }
  return candidate.replace(/\/+$/, '');
}

/**
 * parseSecretRef accepts `ssm:<parameter name>`, `secretsmanager:<secret id>`, or a full ARN
 * of either service.
 */
export function parseSecretRef(value: string | undefined): SecretRef | undefined {
  if (value === undefined) return undefined;
  if (value.startsWith('ssm:')) return { service: 'ssm', id: value.slice(4) };
  if (value.startsWith('secretsmanager:')) return { service: 'secretsmanager', id: value.slice('secretsmanager:'.length) };
  if (/^arn:aws[\w-]*:ssm:/.test(value)) return { service: 'ssm', id: value };
  if (/^arn:aws[\w-]*:secretsmanager:/.test(value)) return { service: 'secretsmanager', id: value };
  throw new ConfigError(
    'OVIRT_PASSWORD_SECRET',
    'expected ssm:<parameter name>, secretsmanager:<secret id>, or the ARN of an SSM parameter or a Secrets Manager secret.',
  );
}
