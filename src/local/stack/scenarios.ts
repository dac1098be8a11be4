/**
 * Choosing and preparing the demo scenarios of one run: `--scenario` names are checked
 * against the catalogue, and against a real engine each execution gets a run tag (its name
 * and its expected job descriptions alike), so a second demo run never meets, and adopts,
 * the jobs of the first one.
 */
import type { DemoScenario } from '../demo-pipelines/index.js';
import type { SfnRecording } from '../sfn-stub/index.js';
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

/** withRunTag renames each run's execution to `<name>-<tag>` and its expected jobs to match. */
export function withRunTag(scenario: DemoScenario, tag: string): DemoScenario {
  const renamed = new Map<string, string>();
  const rename = (recording: SfnRecording): SfnRecording => {
    const { description } = recording;
    const name = `${description.name}-${tag}`;
    renamed.set(description.name, name);
    // The name is the eighth ARN field in both shapes: `…:execution:<machine>:<name>` and
    // (Express) `…:express:<machine>:<name>:<uuid>`.
    const parts = description.executionArn.split(':');
    parts[7] = name;
    return { ...recording, description: { ...description, name, executionArn: parts.join(':') } };
  };
  const recording = rename(scenario.recording);
  const laterRuns = scenario.laterRuns?.map(rename);
  const retitle = (job: ExpectedJob): ExpectedJob => {
    const [machine, execution = ''] = job.description.split(' › ');
    const suffix = execution.match(/ \(.*\)$/)?.[0] ?? '';
    const base = execution.slice(0, execution.length - suffix.length);
    const name = renamed.get(base);
    return name === undefined ? job : { ...job, description: `${machine} › ${name}${suffix}` };
  };
  return { ...scenario, recording, laterRuns, expected: scenario.expected.map(retitle) };
}
