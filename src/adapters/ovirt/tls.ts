/**
 * TLS settings for the engine connection: verify by default against the engine CA (from a
 * PEM file or inline PEM), or skip verification only when `insecure: true` was asked for.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../errors.js';
import type { OvirtLogger } from './options.js';

/** TlsConnectOptions is the part of undici's `connect` options the client sets. */
export interface TlsConnectOptions {
  readonly rejectUnauthorized: boolean;
  readonly ca?: string | undefined;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Where an engine serves its CA, so error messages can say where to get it. */
const CA_HINT = 'The engine serves its CA at /ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA.';

let insecureWarned = false;

/**
 * tlsConnectOptions builds the TLS part of the connection options. It reads `caFile` once
 * (at client creation, i.e. cold start) and checks that the CA text holds a PEM certificate.
 * With `insecure`, it logs a warning the first time in this process and never again.
 * Throws {@link ConfigError} for an unreadable file or a non-PEM CA.
 *
 * @example
 * tlsConnectOptions({ caFile: '/etc/pki/ovirt-engine/ca.pem', insecure: false }, logger);
 */
export function tlsConnectOptions(
  options: { readonly caFile?: string | undefined; readonly caPem?: string | undefined; readonly insecure: boolean },
  logger: OvirtLogger,
): TlsConnectOptions {
  if (options.insecure) {
    warnInsecureOnce(logger);
    return { rejectUnauthorized: false };
  }
  if (options.caFile !== undefined) return { rejectUnauthorized: true, ca: checkPem(readCaFile(options.caFile), 'caFile') };
  if (options.caPem !== undefined) return { rejectUnauthorized: true, ca: checkPem(options.caPem, 'caPem') };
  return { rejectUnauthorized: true };
}

/** @internal Reads the CA file, turning file-system errors into a ConfigError that says what to fix. */
function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    throw new ConfigError('caFile', `cannot read the engine CA file ${path} (${String(code ?? cause)}). Point caFile at a readable PEM file. ${CA_HINT}`, { cause });
  }
}

/** @internal Refuses CA text without a PEM certificate (a DER file or a wrong path's content). */
function checkPem(pem: string, option: 'caFile' | 'caPem'): string {
  if (!PEM_CERTIFICATE.test(pem)) {
    throw new ConfigError(option, `holds no PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----). ${CA_HINT}`);
  }
  return pem;
}

/** @internal One warning per process, however many clients are built (warm Lambdas build one). */
function warnInsecureOnce(logger: OvirtLogger): void {
  if (insecureWarned) return;
  insecureWarned = true;
  logger.warn(
    'oVirt client: TLS verification is OFF (insecure: true). Anyone on the path can read the credentials and token. ' +
      'Set caFile or caPem to the engine CA instead.',
  );
}
