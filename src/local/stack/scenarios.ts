/**
 * Choosing and preparing the demo scenarios of one run: `--scenario` names are checked
 * against the catalogue, and against a real engine each execution gets a run tag (its name
 * and its expected job descriptions alike), so a second demo run never meets, and adopts,
 * the jobs of the first one.
 */
import type { DemoScenario } from '../demo-pipelines/index.js';
import { StackUsageError } from './options.js';
import type { ExpectedJob } from './tree-model.js';

/** selectScenarios returns the named scenarios in catalogue order (all when `names` is empty). */
export function selectScenarios(catalogue: readonly DemoScenario[], names: readonly string[]): DemoScenario[] {
  const unknown = names.filter((name) => !catalogue.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new StackUsageError(
      `Unknown scenario ${unknown.map((n) => `'${n}'`).join(', ')}. Known scenarios: ${catalogue.map((s) => s.name).join(', ')}.`,
    );
  }
  return names.length === 0 ? [...catalogue] : catalogue.filter((scenario) => names.includes(scenario.name));
}

/** withRunTag renames the scenario's execution to `<name>-<tag>` and its expected jobs to match. */
export function withRunTag(scenario: DemoScenario, tag: string): DemoScenario {
  const { description } = scenario.recording;
  const name = `${description.name}-${tag}`;
  const executionArn = `${description.executionArn.slice(0, description.executionArn.length - description.name.length)}${name}`;
  const rename = (job: ExpectedJob): ExpectedJob => ({ ...job, description: job.description.replace(`› ${description.name}`, `› ${name}`) });
  return {
    ...scenario,
    recording: { ...scenario.recording, description: { ...description, name, executionArn } },
    expected: scenario.expected.map(rename),
  };
}
