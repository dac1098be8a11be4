/**
 * DEADLINE_MARGIN_SECONDS and the soft deadline the handlers derive from the Lambda context.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { softDeadline } from '../../../src/entry/soft-deadline.js';
import { isConfigError } from '../../../src/errors.js';

const BASE = {
  TRACKING_TABLE_NAME: 'tracking',
  OVIRT_URL: 'https://engine.example/ovirt-engine/api',
  OVIRT_USERNAME: 'admin@internal',
  OVIRT_PASSWORD: 'secret-password',
};

describe('DEADLINE_MARGIN_SECONDS', () => {
  it('defaults to 10 s and reads a configured margin', () => {
    // Act
    const byDefault = loadConfig(BASE);
    const configured = loadConfig({ ...BASE, DEADLINE_MARGIN_SECONDS: '15' });

    // Assess
    expect(byDefault.deadlineMarginSeconds).toBe(10);
    expect(configured.deadlineMarginSeconds).toBe(15);
  });

  it('refuses a negative margin, naming the variable', () => {
    // Act
    let error: unknown;
    try {
      loadConfig({ ...BASE, DEADLINE_MARGIN_SECONDS: '-1' });
    } catch (caught) {
      error = caught;
    }

    // Assess
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toContain('DEADLINE_MARGIN_SECONDS');
  });
});

describe('softDeadline', () => {
  it('is the time Lambda leaves minus the margin, read afresh on each call', () => {
    // Prepare
    let remaining = 60_000;
    const remainingMs = softDeadline({ getRemainingTimeInMillis: () => remaining }, 10);

    // Act
    const atStart = remainingMs();
    remaining = 9_000;
    const late = remainingMs();

    // Assess
    expect(atStart).toBe(50_000);
    expect(late).toBe(-1_000);
  });
});
