/**
 * ExpressSettings: the Express knobs (EXPRESS_* options, see src/config), in milliseconds, and
 * the fixed facts about Express executions they rest on.
 */

/** An Express execution runs at most 5 minutes (a Step Functions limit). */
export const EXPRESS_MAX_DURATION_MS = 5 * 60_000;

/** The cap is per state machine per minute: the window of one counter row. */
export const CAP_WINDOW_MS = 60_000;

/**
 * A window's summary job is written this long after the window ends, so executions whose
 * first records arrive a little late are still in its count (later ones are counted on the
 * row but not shown: an oVirt description cannot change).
 */
export const CAP_SUMMARY_DELAY_MS = 60_000;

export interface ExpressSettings {
  /** EXPRESS_GAP_WAIT_SECONDS in ms. */
  readonly gapWaitMs: number;
  /** EXPRESS_OUTCOME_MARGIN_SECONDS in ms. */
  readonly outcomeMarginMs: number;
  /** EXPRESS_MAX_EXECUTIONS_PER_MINUTE. */
  readonly maxPerMinute: number;
  /** EXPRESS_MAX_HELD_EVENTS. */
  readonly maxHeldEvents: number;
}

/** DEFAULT_EXPRESS_SETTINGS are the documented defaults (for callers given no configuration). */
export const DEFAULT_EXPRESS_SETTINGS: ExpressSettings = Object.freeze({
  gapWaitMs: 30_000,
  outcomeMarginMs: 120_000,
  maxPerMinute: 60,
  maxHeldEvents: 200,
});
