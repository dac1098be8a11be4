/**
 * awaitVerdict waits, once every event is visible, until each scenario's oVirt tree matches
 * its expected tree, and stays matched while a whole sweep runs over it (a sweep started
 * after the match must not change anything), or until the settle time runs out; it returns
 * the verdicts of the last reading either way.
 *
 * ```text
 * playback done ─► readings … match ─► sweep n+1 (may have begun before) ─► sweep n+2 ─► still matching? ✓
 *                  └──────────────── settle time: give up, report differences ────────────────┘
 * ```
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TreeMonitor } from './tree-monitor.js';
import type { Judged, ScenarioVerdict } from './verdict.js';
import { allMatch, judgeScenarios } from './verdict.js';

/** VerdictInput: what to judge, what to read, and how long to wait. */
export interface VerdictInput {
  readonly scenarios: readonly Judged[];
  readonly monitor: Pick<TreeMonitor, 'latest' | 'next'>;
  /** Completed sweep runs so far. */
  readonly sweeps: () => number;
  readonly othersAreErrors: boolean;
  readonly settleMs: number;
}

/** awaitVerdict resolves to the final verdicts (see the file comment). */
export async function awaitVerdict(input: VerdictInput): Promise<ScenarioVerdict[]> {
  const deadline = Date.now() + input.settleMs;
  let matchedAtSweep: number | undefined;
  for (;;) {
    const verdicts = judgeScenarios(input.scenarios, input.monitor.latest(), input.othersAreErrors);
    if (!allMatch(verdicts)) matchedAtSweep = undefined;
    else if (matchedAtSweep === undefined) matchedAtSweep = input.sweeps();
    else if (input.sweeps() >= matchedAtSweep + 2) return verdicts;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return verdicts;
    const wake = new AbortController();
    await Promise.race([input.monitor.next(), sleep(remaining, undefined, { signal: wake.signal }).catch(() => undefined)]);
    wake.abort();
  }
}

/** verdictLines renders verdicts for the terminal: one line per scenario, differences indented. */
export function verdictLines(verdicts: readonly ScenarioVerdict[]): string[] {
  return verdicts.flatMap((verdict) =>
    verdict.differences.length === 0
      ? [`  ok    ${verdict.name}: the oVirt tree matches the expected tree`]
      : [`  FAIL  ${verdict.name}: ${verdict.differences.length} difference(s)`, ...verdict.differences.map((d) => `          ${d}`)],
  );
}
