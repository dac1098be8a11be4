/**
 * Run tags (a demo against a real engine): every run of a scenario is renamed, Standard and
 * Express ARNs alike (the name is not the last field of an Express ARN), and the expected job
 * descriptions follow, redrive suffix kept.
 */
import { describe, expect, it } from 'vitest';
import { demoCatalogue, scenarioRuns } from '../../../src/local/demo-pipelines/index.js';
import type { DemoScenario } from '../../../src/local/demo-pipelines/index.js';
import { withRunTag } from '../../../src/local/stack/scenarios.js';

const scenario = (name: string): DemoScenario => {
  const found = demoCatalogue().find((s) => s.name === name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
};

describe('withRunTag', () => {
  it('renames every Express run in its ARN (UUID kept) and in the expected jobs', () => {
    // Prepare
    const thumbnails = scenario('thumbnails');
    // Act
    const tagged = withRunTag(thumbnails, 'x1');
    // Assess
    const before = scenarioRuns(thumbnails);
    const after = scenarioRuns(tagged);
    expect(after).toHaveLength(before.length);
    after.forEach((run, index) => {
      const original = before[index]?.description;
      expect(run.description.name).toBe(`${original?.name ?? ''}-x1`);
      expect(run.description.executionArn).toBe(original?.executionArn.replace(`:${original.name}:`, `:${original.name}-x1:`));
    });
    expect(tagged.expected.map((job) => job.description)).toEqual(before.map((run) => `image-thumbnails › ${run.description.name}-x1`));
  });

  it('renames a Standard run and keeps the redrive suffix of its second job', () => {
    // Act
    const tagged = withRunTag(scenario('redrive'), 'x2');
    // Assess
    expect(tagged.recording.description.executionArn).toMatch(/:execution:release-pipeline:release-2025-03-14-0142-x2$/);
    expect(tagged.expected.map((job) => job.description)).toEqual([
      'release-pipeline › release-2025-03-14-0142-x2',
      'release-pipeline › release-2025-03-14-0142-x2 (redrive 1)',
    ]);
  });
});
