/**
 * The Express settings: EXPRESS_GAP_WAIT_SECONDS, EXPRESS_OUTCOME_MARGIN_SECONDS,
 * EXPRESS_MAX_EXECUTIONS_PER_MINUTE and EXPRESS_MAX_HELD_EVENTS, their documented defaults, their
 * bounds, and what the Express syncs receive (milliseconds).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { expressSettings } from '../../../src/entry/express-settings.js';
import { DEFAULT_EXPRESS_SETTINGS } from '../../../src/reconcile/express/settings.js';
import { BASE, errorOf } from './support.js';

describe('Express settings', () => {
  it('default to a 30 s gap wait, a 120 s outcome margin, 60 executions per minute and 200 held records, as DEFAULT_EXPRESS_SETTINGS says', () => {
    const config = loadConfig(BASE);

    expect(config).toMatchObject({ expressGapWaitSeconds: 30, expressOutcomeMarginSeconds: 120, expressMaxExecutionsPerMinute: 60, expressMaxHeldEvents: 200 });
    expect(expressSettings(config)).toEqual(DEFAULT_EXPRESS_SETTINGS);
  });

  it('read the values given', () => {
    const config = loadConfig({
      ...BASE,
      EXPRESS_GAP_WAIT_SECONDS: '0',
      EXPRESS_OUTCOME_MARGIN_SECONDS: '600',
      EXPRESS_MAX_EXECUTIONS_PER_MINUTE: '1000',
      EXPRESS_MAX_HELD_EVENTS: '1',
    });

    expect(expressSettings(config)).toEqual({ gapWaitMs: 0, outcomeMarginMs: 600_000, maxPerMinute: 1000, maxHeldEvents: 1 });
  });

  it.each([
    ['EXPRESS_GAP_WAIT_SECONDS', '301'],
    ['EXPRESS_OUTCOME_MARGIN_SECONDS', '-1'],
    ['EXPRESS_MAX_EXECUTIONS_PER_MINUTE', '0'],
    ['EXPRESS_MAX_HELD_EVENTS', '1001'],
  ])('refuses %s=%s, naming the variable and its range', (name, value) => {
    expect(errorOf({ ...BASE, [name]: value }).message).toMatch(new RegExp(`^Configuration ${name}: expected a whole number from`));
  });
});
