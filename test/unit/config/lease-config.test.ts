import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { minimumLeaseMs } from '../../../src/config/lease-settings.js';
import { isConfigError } from '../../../src/errors.js';
import { BASE, errorOf } from './support.js';


describe('LEASE_SECONDS against the longest claim (issue 9 #7)', () => {
  it('refuses LEASE_SECONDS=5 with the default 10 s oVirt timeout, naming both variables and the minimum', () => {
    // Act
    const error = errorOf({ ...BASE, LEASE_SECONDS: '5' });

    // Assess
    expect(isConfigError(error) && error.variable).toBe('LEASE_SECONDS');
    expect(error.message).toMatch(/OVIRT_TIMEOUT_MS/);
    expect(error.message).toMatch(/MAX_CLOCK_SKEW_SECONDS/);
    expect(error.message).toMatch(/at least 71\b/);
  });

  it('accepts the defaults (120 s lease, 10 s timeout, 30 s skew) and a short lease with a short timeout and no skew margin', () => {
    // Act
    const defaults = loadConfig(BASE);
    const short = loadConfig({ ...BASE, LEASE_SECONDS: '5', OVIRT_TIMEOUT_MS: '1000', MAX_CLOCK_SKEW_SECONDS: '0' });

    // Assess
    expect([defaults.leaseSeconds, defaults.maxClockSkewSeconds]).toEqual([120, 30]);
    expect([short.leaseSeconds, short.ovirt.timeoutMs, short.maxClockSkewSeconds]).toEqual([5, 1000, 0]);
  });

  it('counts the add, three read attempts with their waits, and the skew margin', () => {
    // Act
    const minimum = minimumLeaseMs(10_000, 30);

    // Assess
    expect(minimum).toBe(10_000 + 3 * 10_000 + 500 + 30_000);
  });

  it('refuses a skew margin the lease cannot hold', () => {
    // Act
    const error = errorOf({ ...BASE, MAX_CLOCK_SKEW_SECONDS: '100' });

    // Assess
    expect(isConfigError(error) && error.variable).toBe('LEASE_SECONDS');
  });
});
