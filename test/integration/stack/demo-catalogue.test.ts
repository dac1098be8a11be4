/**
 * The demo catalogue: every recording follows the history rules the tree builder relies on
 * (docs/step-functions-signals.md#retries-and-failures to #rebuilding-the-tree), the release pipeline shows what it promises,
 * and each expected tree is the final tree the mapping rules give for its recording (checked
 * here through the pure core; the end-to-end test checks it through the real stack).
 */
import { describe, expect, it } from 'vitest';
import { toHistoryEvent } from '../../../src/adapters/sfn/to-history-event.js';
import { buildTree } from '../../../src/core/build-tree.js';
import { desiredState, parseParallelBranches } from '../../../src/core/desired.js';
import { demoCatalogue, scenarioRuns } from '../../../src/local/demo-pipelines/index.js';
import type { DemoScenario } from '../../../src/local/demo-pipelines/index.js';
import type { SdkHistoryEvent, SfnRecording } from '../../../src/local/sfn-stub/index.js';
import { compareTrees } from '../../../src/local/stack/compare-trees.js';
import type { ExpectedJob, ExpectedStep } from '../../../src/local/stack/tree-model.js';
import { DEFAULT_MAPPING } from '../../../src/model/mapping.js';

const catalogue = demoCatalogue();
const byId = (events: readonly SdkHistoryEvent[]) => new Map(events.map((e) => [e.id, e]));
const ms = (e: SdkHistoryEvent): number => new Date(e.timestamp).getTime();

/** finalTree is the oVirt tree the mapping rules give once every run ended: open steps take their job's status. */
function finalTree(scenario: DemoScenario): ExpectedJob[] {
  return scenarioRuns(scenario).flatMap(finalTreeOf);
}

function finalTreeOf(recording: SfnRecording): ExpectedJob[] {
  // The stub's recordings are SDK-shaped; the adapter's converter takes the SDK's own (enum-typed) shape.
  type SdkEvent = Parameters<typeof toHistoryEvent>[0];
  const tree = buildTree(recording.events.map((e) => toHistoryEvent({ ...e, timestamp: new Date(e.timestamp) } as unknown as SdkEvent)));
  const definition: unknown = typeof recording.definition === 'string' ? JSON.parse(recording.definition) : recording.definition;
  const desired = desiredState(tree, {
    executionArn: recording.description.executionArn,
    stateMachineName: recording.description.stateMachineArn.split(':')[6] ?? '',
    executionName: recording.description.name,
    mapping: DEFAULT_MAPPING,
    parallelBranches: parseParallelBranches(definition),
  });
  return desired.jobs.map((j) => {
    const status = j.end ?? 'started';
    const children = (parent: string | null): ExpectedStep[] =>
      desired.steps.filter((s) => s.jobKey === j.key && s.parentKey === parent).map((s) => ({ description: s.description, status: s.end ?? status, steps: children(s.key) }));
    return { description: j.description, status, steps: children(null) };
  });
}

describe('demo catalogue', () => {
  it('names its scenarios uniquely, fixtures and the release pipeline alike', () => {
    // Prepare
    const names = catalogue.map((scenario) => scenario.name);
    // Act
    const unique = new Set(names);
    // Assess
    expect(unique.size).toBe(names.length);
    expect(names).toEqual(['linear', 'retry-catch', 'map', 'parallel', 'redrive', 'release', 'release-redrive', 'thumbnails']);
  });

  const runs = catalogue.flatMap((s) => scenarioRuns(s).map((run) => [`${s.name} ${run.description.name}`, run] as const));

  it.each(runs)('%s: ids count up, time never goes back, links point backwards', (_name, run) => {
    // Prepare
    const events = run.events;
    // Act
    const ids = events.map((e) => e.id);
    const backwards = events.filter((e, i) => i > 0 && ms(e) < ms(events[i - 1] as SdkHistoryEvent));
    const forwardLinks = events.filter((e) => (e.previousEventId ?? 0) >= e.id);
    // Assess
    expect(ids).toEqual(events.map((_, i) => i + 1));
    expect(backwards).toEqual([]);
    expect(forwardLinks).toEqual([]);
  });

  it.each(runs)('%s: thread links follow the recorded rules', (_name, run) => {
    // Prepare
    const events = run.events;
    const index = byId(events);
    const typeOf = (id: number | undefined) => index.get(id ?? 0)?.type;
    // Act
    const firstEntered = events.find((e) => e.type.endsWith('StateEntered'));
    const iterationStarts = events.filter((e) => e.type === 'MapIterationStarted').map((e) => typeOf(e.previousEventId));
    const redrives = events.filter((e) => e.type === 'ExecutionRedriven').map((e) => typeOf(e.previousEventId));
    const pairs = (a: string, b: string) => events.filter((e) => e.type === a).map((e) => [e.previousEventId, index.get(e.id + 1)?.type === b ? index.get(e.id + 1)?.previousEventId : 'missing']);
    // Assess
    expect(events[0]).toMatchObject({ type: 'ExecutionStarted', previousEventId: 0 });
    expect(firstEntered?.previousEventId).toBe(0);
    expect(new Set(iterationStarts)).toEqual(new Set(iterationStarts.length > 0 ? ['MapStateStarted'] : []));
    expect(new Set(redrives)).toEqual(new Set(redrives.length > 0 ? ['ExecutionFailed'] : []));
    for (const [succeeded, exited] of [...pairs('MapStateSucceeded', 'MapStateExited'), ...pairs('ParallelStateSucceeded', 'ParallelStateExited')]) {
      expect(exited).toBe(succeeded);
    }
  });

  it('plays a release pipeline with a Map retry, a Parallel, a caught failure, a final deploy and a redrive', () => {
    // Prepare
    const release = catalogue.filter((s) => s.recording.description.stateMachineArn.endsWith(':release-train'));
    // Act
    const types = release.flatMap((s) => s.recording.events.map((e) => e.type));
    const exited = release.flatMap((s) => s.recording.events.filter((e) => e.type === 'TaskStateExited').map((e) => (e.stateExitedEventDetails as { name: string }).name));
    // Assess
    expect(release).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(['MapIterationStarted', 'ParallelStateStarted', 'TaskFailed', 'ExecutionFailed', 'ExecutionRedriven']));
    expect(exited).toEqual(expect.arrayContaining(['LoadTests', 'PromoteToProduction']));
    expect(release.every((s) => s.recording.events.length > 80)).toBe(true);
  });

  it('plays an Express pipeline: runs a few seconds apart, Express ARNs, every run within five minutes', () => {
    // Prepare
    const thumbnails = catalogue.find((s) => s.name === 'thumbnails');
    // Act
    const played = thumbnails === undefined ? [] : scenarioRuns(thumbnails);
    const starts = played.map((run) => new Date(run.description.startDate).getTime());
    const durations = played.map((run) => ms(run.events.at(-1) as SdkHistoryEvent) - ms(run.events[0] as SdkHistoryEvent));
    // Assess
    expect(played.length).toBeGreaterThanOrEqual(5);
    expect(played.every((run) => /^arn:aws:states:[a-z0-9-]+:\d{12}:express:image-thumbnails:[^:]+:[0-9a-f-]{36}$/.test(run.description.executionArn))).toBe(true);
    expect(starts.slice(1).map((start, i) => start - (starts[i] ?? 0))).toEqual(starts.slice(1).map(() => 20_000));
    expect(Math.max(...durations)).toBeLessThan(5 * 60_000);
    expect(played.flatMap((run) => run.events.map((e) => e.type))).toEqual(expect.arrayContaining(['TaskFailed', 'FailStateEntered', 'ExecutionFailed', 'ExecutionSucceeded']));
  });

  it.each(catalogue.map((s) => [s.name, s] as const))('%s: the expected tree is what the mapping rules give at the end', (_name, scenario) => {
    // Prepare
    const ruled = finalTree(scenario);
    // Act
    const differences = compareTrees(scenario.expected, ruled);
    // Assess
    expect(differences).toEqual([]);
  });
});
