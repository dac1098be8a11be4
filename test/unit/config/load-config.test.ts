import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { isConfigError } from '../../../src/errors.js';
import { BASE, errorOf } from './support.js';


describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    // Act
    const config = loadConfig(BASE);

    // Assess
    expect(config).toMatchObject({
      tableName: 'tracking',
      dryRun: false,
      logLevel: 'INFO',
      retentionDays: 30,
      stateMachineArns: [],
      ovirt: { url: 'https://engine.example/ovirt-engine/api', insecure: false, allowHttp: false, timeoutMs: 10_000 },
      mapping: { autoCleared: true, maxMapIterations: 100, mirrorChildExecutions: false },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('builds the API URL from OVIRT_HOSTNAME and reads a password secret reference', () => {
    // Act
    const config = loadConfig({
      ...BASE,
      OVIRT_URL: '',
      OVIRT_HOSTNAME: 'engine.lab',
      OVIRT_PASSWORD: '',
      OVIRT_PASSWORD_SECRET: 'ssm:/ovirt/password',
    });

    // Assess
    expect(config.ovirt.url).toBe('https://engine.lab/ovirt-engine/api');
    expect(config.ovirt.passwordSecret).toEqual({ service: 'ssm', id: '/ovirt/password' });
  });

  it('reads mapping rules from the environment', () => {
    // Act
    const config = loadConfig({
      ...BASE,
      STEP_TYPE_RULES: '[{"pattern":"^Validate","type":"validating"}]',
      MIRRORED_STATE_TYPES: 'Task,Map',
      MAX_MAP_ITERATIONS: '5',
      JOB_AUTO_CLEARED: 'false',
    });

    // Assess
    expect(config.mapping.stepTypeRules).toEqual([{ pattern: '^Validate', type: 'validating' }]);
    expect(config.mapping.mirroredStateTypes).toEqual(new Set(['Task', 'Map']));
    expect(config.mapping.maxMapIterations).toBe(5);
    expect(config.mapping.autoCleared).toBe(false);
  });

  const invalid: Array<[string, Record<string, string>, string]> = [
    ['missing table', { ...BASE, TRACKING_TABLE_NAME: '' }, 'TRACKING_TABLE_NAME'],
    ['missing URL', { ...BASE, OVIRT_URL: '' }, 'OVIRT_URL'],
    ['bad URL', { ...BASE, OVIRT_URL: 'not a url' }, 'OVIRT_URL'],
    ['credentials in URL', { ...BASE, OVIRT_URL: 'https://u:p@engine/ovirt-engine/api' }, 'OVIRT_URL'],
    ['missing user', { ...BASE, OVIRT_USERNAME: '' }, 'OVIRT_USERNAME'],
    ['user without profile', { ...BASE, OVIRT_USERNAME: 'admin' }, 'OVIRT_USERNAME'],
    ['missing password', { ...BASE, OVIRT_PASSWORD: '' }, 'OVIRT_PASSWORD'],
    ['bad secret ref', { ...BASE, OVIRT_PASSWORD_SECRET: 'vault:x' }, 'OVIRT_PASSWORD_SECRET'],
    ['bad boolean', { ...BASE, OVIRT_INSECURE: 'maybe' }, 'OVIRT_INSECURE'],
    ['bad number', { ...BASE, TRACKING_RETENTION_DAYS: 'ten' }, 'TRACKING_RETENTION_DAYS'],
    ['bad rules JSON', { ...BASE, STEP_TYPE_RULES: '{' }, 'STEP_TYPE_RULES'],
    ['bad rule regex', { ...BASE, STEP_TYPE_RULES: '[{"pattern":"(","type":"executing"}]' }, 'STEP_TYPE_RULES'],
    ['bad state machine ARN', { ...BASE, STATE_MACHINE_ARNS: 'release' }, 'STATE_MACHINE_ARNS'],
    ['bad headers', { ...BASE, OVIRT_HEADERS: '[1]' }, 'OVIRT_HEADERS'],
    ['a call timeout below 100 ms', { ...BASE, OVIRT_TIMEOUT_MS: '99' }, 'OVIRT_TIMEOUT_MS'],
    ['a call timeout above 5 minutes (no lease could cover four of them)', { ...BASE, OVIRT_TIMEOUT_MS: '300001' }, 'OVIRT_TIMEOUT_MS'],
    ['an answer cap below 1 KiB', { ...BASE, OVIRT_MAX_RESPONSE_BYTES: '1023' }, 'OVIRT_MAX_RESPONSE_BYTES'],
    ['an answer cap above 256 MiB', { ...BASE, OVIRT_MAX_RESPONSE_BYTES: '268435457' }, 'OVIRT_MAX_RESPONSE_BYTES'],
    ['an answer cap that is not a number', { ...BASE, OVIRT_MAX_RESPONSE_BYTES: '32MB' }, 'OVIRT_MAX_RESPONSE_BYTES'],
  ];
  it.each(invalid)('fails at load on %s, naming the variable', (_name, env, variable) => {
    // Act
    const error = errorOf(env);

    // Assess
    expect(isConfigError(error)).toBe(true);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain('secret-password');
  });

  it('reads the sweep\'s discovery share and scan limit, defaulting to 20 % and 1000, and refuses values out of range', () => {
    // Act
    const defaults = loadConfig(BASE);
    const set = loadConfig({ ...BASE, SWEEP_DISCOVERY_PERCENT: '0', SWEEP_DISCOVERY_SCAN_LIMIT: '250' });
    const tooMuch = errorOf({ ...BASE, SWEEP_DISCOVERY_PERCENT: '101' });
    const none = errorOf({ ...BASE, SWEEP_DISCOVERY_SCAN_LIMIT: '0' });

    // Assess
    expect(defaults).toMatchObject({ sweepDiscoveryPercent: 20, sweepDiscoveryScanLimit: 1000 });
    expect(set).toMatchObject({ sweepDiscoveryPercent: 0, sweepDiscoveryScanLimit: 250 });
    expect(isConfigError(tooMuch) && tooMuch.variable).toBe('SWEEP_DISCOVERY_PERCENT');
    expect(isConfigError(none) && none.variable).toBe('SWEEP_DISCOVERY_SCAN_LIMIT');
  });

  it('leaves the answer cap to the client unless OVIRT_MAX_RESPONSE_BYTES is set', () => {
    // Act
    const config = loadConfig(BASE);

    // Assess
    expect(config.ovirt.maxResponseBytes).toBeUndefined();
  });

  it.each([
    ['OVIRT_MAX_RESPONSE_BYTES', '1024', { maxResponseBytes: 1_024 }],
    ['OVIRT_MAX_RESPONSE_BYTES', '268435456', { maxResponseBytes: 268_435_456 }],
    ['OVIRT_TIMEOUT_MS', '100', { timeoutMs: 100 }],
    ['OVIRT_TIMEOUT_MS', '300000', { timeoutMs: 300_000 }],
  ])('reads %s=%s, a bound it accepts', (variable, value, expected) => {
    // Act
    // A long oVirt timeout needs a lease that covers it (see the LEASE_SECONDS tests).
    const config = loadConfig({ ...BASE, LEASE_SECONDS: '1300', [variable]: value });

    // Assess
    expect(config.ovirt).toMatchObject(expected);
  });

  it('accepts a token instead of user and password', () => {
    // Act
    const config = loadConfig({ TRACKING_TABLE_NAME: 't', OVIRT_URL: BASE.OVIRT_URL, OVIRT_TOKEN: 'tok' });

    // Assess
    expect(config.ovirt.token).toBe('tok');
  });
});
