import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tlsConnectOptions } from '../../../../src/adapters/ovirt/tls.js';
import { isConfigError } from '../../../../src/errors.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUUnitTestOnly\n-----END CERTIFICATE-----\n';
const dir = mkdtempSync(join(tmpdir(), 'ovirt-tls-test-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quietLogger = () => ({ warn: vi.fn<(message: string, extra?: object) => void>() });

describe('Function: tlsConnectOptions', () => {
  it('verifies against the system trust store by default', () => {
    // Prepare
    const logger = quietLogger();

    // Act
    const tls = tlsConnectOptions({ insecure: false }, logger);

    // Assess
    expect(tls).toEqual({ rejectUnauthorized: true });
  });

  it('reads the CA from a PEM file (OVIRT_CAFILE style)', () => {
    // Prepare
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, PEM);

    // Act
    const tls = tlsConnectOptions({ caFile, insecure: false }, quietLogger());

    // Assess
    expect(tls).toEqual({ rejectUnauthorized: true, ca: PEM });
  });

  it('takes an inline PEM', () => {
    // Prepare
    const caPem = `subject=CN=engine\n${PEM}`;

    // Act
    const tls = tlsConnectOptions({ caPem, insecure: false }, quietLogger());

    // Assess
    expect(tls).toEqual({ rejectUnauthorized: true, ca: caPem });
  });

  it('says which file it cannot read and where the engine serves its CA', () => {
    // Prepare
    const caFile = join(dir, 'missing.pem');

    // Act
    const read = () => tlsConnectOptions({ caFile, insecure: false }, quietLogger());

    // Assess
    expect(read).toThrow(/cannot read the engine CA file .*missing\.pem \(ENOENT\).*pki-resource/);
  });

  it('refuses CA text that holds no PEM certificate', () => {
    // Prepare
    const caFile = join(dir, 'ca.der');
    writeFileSync(caFile, Buffer.from([0x30, 0x82, 0x01, 0x0a]));

    // Act
    let thrown: unknown;
    try {
      tlsConnectOptions({ caFile, insecure: false }, quietLogger());
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(isConfigError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(/caFile: holds no PEM certificate/);
  });

  it('turns verification off only for insecure, warning once per process however many clients ask', () => {
    // Prepare
    const first = quietLogger();
    const second = quietLogger();

    // Act
    const tls = [tlsConnectOptions({ insecure: true }, first), tlsConnectOptions({ insecure: true }, second)];

    // Assess
    expect(tls).toEqual([{ rejectUnauthorized: false }, { rejectUnauthorized: false }]);
    expect(first.warn).toHaveBeenCalledTimes(1);
    expect(first.warn.mock.calls[0]?.[0]).toMatch(/TLS verification is OFF/);
    expect(second.warn).not.toHaveBeenCalled();
  });
});
