/** expressSettings turns the EXPRESS_* options of Config into the Express syncs' settings (ms). */
import type { Config } from '../config/index.js';
import type { ExpressSettings } from '../reconcile/express/settings.js';

export function expressSettings(config: Config): ExpressSettings {
  return {
    gapWaitMs: config.expressGapWaitSeconds * 1000,
    outcomeMarginMs: config.expressOutcomeMarginSeconds * 1000,
    maxPerMinute: config.expressMaxExecutionsPerMinute,
    maxHeldEvents: config.expressMaxHeldEvents,
  };
}
