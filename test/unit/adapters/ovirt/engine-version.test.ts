/**
 * The API root's product version, and which engine versions the client supports (4.2 or
 * later in 4.x: the Correlation-Id search crash recovery relies on came with 4.2).
 */
import { describe, expect, it } from 'vitest';
import { decodeApiRoot } from '../../../../src/adapters/ovirt/decode.js';
import { formatEngineVersion, isSupportedEngineVersion } from '../../../../src/adapters/ovirt/version.js';

describe('decodeApiRoot', () => {
  it('reads product_info with integers sent as strings, as the engine sends them', () => {
    // Act
    const info = decodeApiRoot({
      product_info: { name: 'oVirt Engine', vendor: 'ovirt.org', version: { build: '6', full_version: '4.5.6-1.el9', major: '4', minor: '5', revision: '0' } },
    });

    // Assess
    expect(info).toEqual({ productName: 'oVirt Engine', version: { major: 4, minor: 5, build: 6, revision: 0, full: '4.5.6-1.el9' } });
  });

  it('has no version when the root carries none, and refuses what is no object', () => {
    // Act & Assess
    expect(decodeApiRoot({ link: [] })).toEqual({});
    expect(decodeApiRoot({ product_info: { name: 'oVirt Engine' } })).toEqual({ productName: 'oVirt Engine', version: undefined });
    expect(() => decodeApiRoot('<html>login</html>')).toThrow(/API root should be a JSON object/);
  });
});

describe('isSupportedEngineVersion', () => {
  it.each([
    [4, 2, true], [4, 5, true], [4, 1, false], [3, 6, false], [5, 0, false],
  ])('%i.%i → %s', (major, minor, supported) => {
    // Act & Assess
    expect(isSupportedEngineVersion({ major, minor })).toBe(supported);
  });

  it('formats the version with the engine’s full spelling when it says more', () => {
    // Act & Assess
    expect(formatEngineVersion({ major: 4, minor: 5, build: 6, full: '4.5.6-1.el9' })).toBe('4.5.6 (4.5.6-1.el9)');
    expect(formatEngineVersion({ major: 4, minor: 2 })).toBe('4.2');
  });
});
