/**
 * judgeScenarios decides, from one reading of the task monitor, whether each scenario left
 * exactly its expected oVirt tree. A job belongs to a scenario when its description is one of
 * the scenario's expected job descriptions (a scenario of several runs expects one job per
 * run), possibly followed by ` (…)` (the redrive suffix), so a job the reconciler should not
 * have created still shows up as unexpected.
 */
import { compareTrees } from './compare-trees.js';
import type { ExpectedJob } from './tree-model.js';

/** Judged is what a verdict needs of a scenario. */
export interface Judged {
  readonly name: string;
  readonly expected: readonly ExpectedJob[];
}

/** ScenarioVerdict lists one scenario's differences (none = it matches). */
export interface ScenarioVerdict {
  readonly name: string;
  readonly differences: readonly string[];
}

/** OTHER_JOBS is the verdict name for external jobs that belong to no scenario. */
export const OTHER_JOBS = '(jobs of no scenario)';

const belongsTo = (scenario: Judged, job: ExpectedJob): boolean =>
  scenario.expected.some(({ description: base }) => job.description === base || job.description.startsWith(`${base} (`));

/**
 * judgeScenarios returns one verdict per scenario, plus one for jobs of no scenario when
 * `othersAreErrors` (the simulator holds only the demo's jobs; a real engine holds others too).
 */
export function judgeScenarios(scenarios: readonly Judged[], observed: readonly ExpectedJob[], othersAreErrors: boolean): ScenarioVerdict[] {
  const verdicts = scenarios.map((scenario) => ({
    name: scenario.name,
    differences: compareTrees(scenario.expected, observed.filter((job) => belongsTo(scenario, job))),
  }));
  if (!othersAreErrors) return verdicts;
  const others = observed.filter((job) => !scenarios.some((scenario) => belongsTo(scenario, job)));
  return others.length === 0 ? verdicts : [...verdicts, { name: OTHER_JOBS, differences: compareTrees([], others) }];
}

/** allMatch tells whether every verdict is free of differences. */
export function allMatch(verdicts: readonly ScenarioVerdict[]): boolean {
  return verdicts.every((verdict) => verdict.differences.length === 0);
}
