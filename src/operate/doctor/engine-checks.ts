/**
 * The engine checks, in the order a call meets them: the password secret, the engine reached,
 * TLS trusted, the SSO login, the API version, the Correlation-Id search crash recovery needs,
 * and (only when asked) a real write. Each later check is skipped, saying why, when one it
 * needs has failed. All calls go through the product's own oVirt client.
 */
import type { EngineInfo, OvirtClient } from '../../adapters/ovirt/index.js';
import {
  createOvirtClient, errorCode, formatEngineVersion, isSupportedEngineVersion, isTlsVerificationCode, MIN_ENGINE_VERSION, parseEngineUrl,
} from '../../adapters/ovirt/index.js';
import { probeRecoveryReads } from '../../apply/search-probe.js';
import type { Config } from '../../config/index.js';
import {
  isConfigError, isOvirtAuthError, isOvirtHttpError, isOvirtPermissionError, isOvirtUnavailableError, type OvirtAuthError,
} from '../../errors.js';
import { ovirtClientOptions } from '../../runtime/runtime.js';
import { createPasswordSource } from '../../runtime/password-secret.js';
import type { CheckResult } from './check-result.js';
import { failed, messageOf, passed, skipped, warned } from './check-result.js';
import { writeCheck } from './write-check.js';

const N = {
  secret: 'Password secret readable',
  reach: 'Engine reachable',
  tls: 'TLS trusted',
  sso: 'SSO login',
  version: 'API version supported',
  search: 'Jobs searchable by Correlation-Id',
  write: 'External jobs can be added and ended',
} as const;

const ROLES_FIX = 'See README, "Deploying to AWS", step 1 for the roles and why both rights are needed.';

/** EngineCheckOptions: whether to prove writes with a real job, and the command's abort signal. */
export interface EngineCheckOptions {
  readonly writeCheck: boolean;
  readonly signal: AbortSignal;
  /** Reads the password secret; the product's Powertools-backed reader unless a test injects one. */
  readonly readPassword?: ((config: Config) => Promise<string>) | undefined;
}

/** checkEngine runs the engine checks and hands each result to `report` as soon as it is known. */
export async function checkEngine(config: Config, options: EngineCheckOptions, report: (result: CheckResult) => void): Promise<void> {
  const skipAll = (from: readonly (keyof typeof N)[], reason: string): void => {
    for (const key of from) report(skipped(`engine.${key}`, N[key], reason));
  };
  const password = await checkPassword(config, options, report);
  if (password === null) {
    skipAll(['reach', 'tls', 'sso', 'version', 'search', 'write'], 'the password could not be read');
    return;
  }
  const client = createOvirtClient(ovirtClientOptions(config.ovirt, password, { warn: () => undefined }));
  try {
    const loggedIn = await checkConnection(config, client, options.signal, report);
    if (!loggedIn) {
      skipAll(['version', 'search', 'write'], 'no logged-in connection to the engine');
      return;
    }
    const info = await checkVersion(client, options.signal, report);
    if (info === null) {
      skipAll(['search', 'write'], 'the API did not answer');
      return;
    }
    report(await checkSearch(client, options.signal));
    report(options.writeCheck
      ? await writeCheck(client, options.signal)
      : skipped('engine.write', N.write, 'not asked for: --write-check adds, ends and auto-clears one test job to prove it'));
  } finally {
    await client.logout().catch(() => undefined);
    await client.close();
  }
}

/** @internal The password: plain, from its secret, or none needed (a token). null when the secret could not be read. */
async function checkPassword(config: Config, options: EngineCheckOptions, report: (result: CheckResult) => void): Promise<string | undefined | null> {
  const ref = config.ovirt.passwordSecret;
  if (ref === undefined || config.ovirt.password !== undefined) {
    const why = config.ovirt.password !== undefined ? 'OVIRT_PASSWORD is set' : 'OVIRT_TOKEN is used';
    report(skipped('engine.secret', N.secret, `no OVIRT_PASSWORD_SECRET to read (${why})`));
    return config.ovirt.password;
  }
  try {
    const read = options.readPassword ?? ((c: Config) => createPasswordSource({ region: c.region })(ref));
    const password = await read(config);
    report(passed('engine.secret', N.secret, `${ref.service} ${ref.id} holds a password`));
    return password;
  } catch (error) {
    const fix = isConfigError(error)
      ? 'Check the secret name and region, and that these credentials may read (and decrypt) it; the functions need the same.'
      : 'Check the AWS credentials and network of this machine, then run again.';
    report(failed('engine.secret', N.secret, messageOf(error), fix));
    return null;
  }
}

/**
 * @internal Reachability, TLS and login from the first exchange: a login (or, with a ready
 * token, the API root), whose failure tells how far the connection got.
 */
async function checkConnection(config: Config, client: OvirtClient, signal: AbortSignal, report: (result: CheckResult) => void): Promise<boolean> {
  const where = parseEngineUrl(config.ovirt.url, config.ovirt.allowHttp);
  const host = new URL(where.origin).host;
  const withToken = config.ovirt.username === undefined || (config.ovirt.password === undefined && config.ovirt.passwordSecret === undefined);
  try {
    if (withToken) await client.engineInfo(signal);
    else await client.login(signal);
  } catch (error) {
    if (signal.aborted) throw error;
    if (!isOvirtUnavailableError(error)) {
      report(passed('engine.reach', N.reach, `${host} answered`));
      report(tlsPassed(config, where.origin));
      report(loginFailed(error, config, withToken));
      return false;
    }
    const code = errorCode(error) ?? error.code;
    if (isTlsVerificationCode(code)) {
      report(passed('engine.reach', N.reach, `${host} accepted the connection`));
      report(tlsFailed(config, where.origin, where.enginePath, code ?? 'TLS'));
      report(skipped('engine.sso', N.sso, 'the engine is not trusted, so no password is sent to it'));
      return false;
    }
    report(unreachable(host, code, messageOf(error)));
    report(skipped('engine.tls', N.tls, 'the engine could not be reached'));
    report(skipped('engine.sso', N.sso, 'the engine could not be reached'));
    return false;
  }
  report(passed('engine.reach', N.reach, `${host} answered`));
  report(tlsPassed(config, where.origin));
  report(withToken
    ? passed('engine.sso', N.sso, 'OVIRT_TOKEN was accepted (no login needed)')
    : passed('engine.sso', N.sso, `${config.ovirt.username ?? ''} logged in`));
  return true;
}

/** @internal What kind of unreachable, from the transport code. */
function unreachable(host: string, code: string | undefined, message: string): CheckResult {
  const id = 'engine.reach';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return failed(id, N.reach, `DNS: the host name in ${host} does not resolve (${code})`,
        'Check the host name in OVIRT_URL (or OVIRT_HOSTNAME) and this machine\'s DNS; the functions need the same name to resolve inside their VPC.');
    case 'ECONNREFUSED':
      return failed(id, N.reach, `connect: ${host} refused the connection (ECONNREFUSED)`,
        'Check the port in OVIRT_URL and that the engine (its Apache front end) is running.');
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return failed(id, N.reach, `timeout: no connection to ${host} in time (${code})`,
        'Check the network path to the engine: routes, firewalls and security groups must let HTTPS (443) through; from AWS, the VPC settings of Deploying step 5.');
    default:
      return failed(id, N.reach, message, 'Check OVIRT_URL and the network path to the engine.');
  }
}

/** @internal TLS is fine: say against what, and warn when verification is off or there is none. */
function tlsPassed(config: Config, origin: string): CheckResult {
  const o = config.ovirt;
  if (origin.startsWith('http:')) {
    return warned('engine.tls', N.tls, 'plain HTTP (OVIRT_ALLOW_HTTP=true): passwords and tokens travel unencrypted',
      'Use an https:// OVIRT_URL for any real engine; plain HTTP is for local simulators only.');
  }
  if (o.insecure) {
    return warned('engine.tls', N.tls, 'TLS verification is OFF (OVIRT_INSECURE=true)',
      'Set OVIRT_CAFILE or OVIRT_CA_PEM to the engine CA and drop OVIRT_INSECURE; anyone on the path can read the credentials otherwise.');
  }
  const against = o.caFile !== undefined ? `the CA in OVIRT_CAFILE (${o.caFile})` : o.caPem !== undefined ? 'the CA in OVIRT_CA_PEM' : 'the system trust store';
  return passed('engine.tls', N.tls, `certificate verified against ${against}`);
}

/** @internal A TLS failure, with where to get the engine CA and how to pass it. */
function tlsFailed(config: Config, origin: string, enginePath: string, code: string): CheckResult {
  const caUrl = `${origin}${enginePath}/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA`;
  const pass = 'pass it as OVIRT_CAFILE=<file> (or its text as OVIRT_CA_PEM; the stage parameter ovirtCaPem when deploying)';
  const download = `Download the engine CA from ${caUrl} (e.g. curl -k -o engine-ca.pem '${caUrl}'; compare its fingerprint with /etc/pki/ovirt-engine/ca.pem on the engine)`;
  const configured = config.ovirt.caFile !== undefined ? `OVIRT_CAFILE (${config.ovirt.caFile})` : config.ovirt.caPem !== undefined ? 'OVIRT_CA_PEM' : undefined;
  if (/ALTNAME|HOSTNAME/.test(code)) {
    return failed('engine.tls', N.tls, `the engine certificate is for another host name (${code})`,
      'Use the engine\'s fully qualified name as set at engine-setup in OVIRT_URL: the certificate names it, IP addresses and aliases do not match.');
  }
  if (/EXPIRED|NOT_YET_VALID/.test(code)) {
    return failed('engine.tls', N.tls, `the engine certificate is not valid now (${code})`,
      'Renew the engine\'s certificate (engine-setup) or correct the clock of this machine or the engine.');
  }
  if (configured !== undefined) {
    return failed('engine.tls', N.tls, `the engine certificate was not signed by the CA in ${configured} (${code})`,
      `That is not this engine's CA. ${download} and ${pass}.`);
  }
  return failed('engine.tls', N.tls, `the engine certificate is signed by a CA this machine does not trust (${code}); an oVirt engine signs with its own CA, so this is expected until its CA is given`,
    `${download} and ${pass}. OVIRT_INSECURE=true skips verification, for throwaway test engines only.`);
}

/** @internal A refused login (or token), told apart as far as the engine's answer tells. */
function loginFailed(error: unknown, config: Config, withToken: boolean): CheckResult {
  const user = config.ovirt.username ?? '';
  if (withToken) {
    return failed('engine.sso', N.sso, messageOf(error), 'Give a fresh OVIRT_TOKEN, or OVIRT_USERNAME and OVIRT_PASSWORD so a login is made.');
  }
  if (!isOvirtAuthError(error)) {
    return failed('engine.sso', N.sso, messageOf(error),
      isOvirtHttpError(error) && error.status >= 500 ? 'The engine SSO failed internally; try again and check engine.log.' : 'Check that OVIRT_URL points at the engine API.');
  }
  return failed('engine.sso', N.sso, messageOf(error), loginAdvice(error, user));
}

/** @internal What the SSO's refusal means. The engine answers an unknown user and a wrong password alike. */
function loginAdvice(error: OvirtAuthError, user: string): string {
  // Only the engine's own words count, not the client's advice after them ("… (<code>). <advice>").
  const codeAt = error.code === undefined ? -1 : error.message.lastIndexOf(`(${error.code})`);
  const text = (codeAt < 0 ? error.message : error.message.slice(0, codeAt)).toLowerCase().replace(`refused the login of ${user.toLowerCase()}`, '');
  const profile = user.slice(user.lastIndexOf('@') + 1);
  if (text.includes('profile')) {
    return `The engine does not know the profile "${profile}" of ${user}: use user@profile with a profile the login page offers (e.g. admin@internal; with Keycloak admin@ovirt@internalsso).`;
  }
  if (text.includes('locked') || text.includes('disabled') || text.includes('expired')) {
    return `The account ${user} is locked, disabled or its password expired: unlock or renew it on the engine (ovirt-aaa-jdbc-tool for the internal profile).`;
  }
  if (error.code === 'access_denied') {
    return `Either the password is wrong or there is no user ${user.slice(0, user.lastIndexOf('@'))} in profile "${profile}": the engine does not say which. ` +
      'Log in to the administration portal with the same user@profile and password to tell; then fix OVIRT_PASSWORD (or the secret) or OVIRT_USERNAME.';
  }
  return 'Check OVIRT_USERNAME (user@profile) and the password, and that no proxy rewrites the SSO request.';
}

/** @internal The API root under the API version the client speaks; null when it did not answer. */
async function checkVersion(client: OvirtClient, signal: AbortSignal, report: (result: CheckResult) => void): Promise<EngineInfo | null> {
  let info: EngineInfo;
  try {
    info = await client.engineInfo(signal);
  } catch (error) {
    if (signal.aborted) throw error;
    const refusedVersion = isOvirtHttpError(error) && error.status === 400;
    report(failed('engine.version', N.version, messageOf(error), refusedVersion
      ? 'The engine refused API version 4: it is older than 4.0 or something in between strips the Version header. Upgrade the engine to 4.2 or later.'
      : 'Check that OVIRT_URL points at the engine API (…/ovirt-engine/api).'));
    return null;
  }
  const minimum = `${MIN_ENGINE_VERSION.major}.${MIN_ENGINE_VERSION.minor}`;
  if (info.version === undefined) {
    report(warned('engine.version', N.version, 'API version 4 answered, but the API root names no product version',
      `Make sure the engine is ${minimum} or later: older engines search jobs differently and crash recovery would not find jobs.`));
  } else if (!isSupportedEngineVersion(info.version)) {
    report(failed('engine.version', N.version, `${info.productName ?? 'the engine'} ${formatEngineVersion(info.version)} is not supported (${minimum} or later in 4.x)`,
      `Upgrade the engine to ${minimum} or later: the Correlation-Id search crash recovery relies on came with ${minimum}.`));
  } else {
    report(passed('engine.version', N.version, `${info.productName ?? 'oVirt Engine'} ${formatEngineVersion(info.version)}, API v4`));
  }
  return info;
}

/** @internal The search crash recovery needs, made exactly as the functions' probe makes it. */
async function checkSearch(client: OvirtClient, signal: AbortSignal): Promise<CheckResult> {
  try {
    await probeRecoveryReads(client, signal);
    return passed('engine.search', N.search, 'the engine answered a Correlation-Id search (needed to find a job whose add lost its answer)');
  } catch (error) {
    if (signal.aborted) throw error;
    if (isOvirtPermissionError(error)) {
      return failed('engine.search', N.search, 'the engine refused the search: the user is not an administrator, so it runs filtered',
        `${error.needed} ${ROLES_FIX}`);
    }
    return failed('engine.search', N.search, messageOf(error), 'Run the doctor again; if it persists, check engine.log.');
  }
}
