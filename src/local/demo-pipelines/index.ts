/**
 * The demo catalogue `npm start` plays: the project's five recorded Step Functions fixtures
 * (in recordings/, the one copy the tests read too) plus the
 * longer release pipeline and the Express thumbnail workflow written with HistoryWriter, each
 * with the oVirt tree it must leave.
 */
import { loadSharedFixtureRecordings } from '../sfn-stub/index.js';
import type { SfnRecording } from '../sfn-stub/index.js';
import type { ExpectedJob } from '../stack/tree-model.js';
import * as expected from './expected-trees.js';
import { RECORDINGS_DIR } from './recordings-dir.js';
import { releaseRedrivenRecording, releaseSucceededRecording } from './release-pipeline.js';
import { thumbnailRecordings } from './thumbnail-pipeline.js';

/** DemoScenario is one execution to play and the oVirt tree it must end with. */
export interface DemoScenario {
  /** The `--scenario` name. */
  readonly name: string;
  /** One line saying what the scenario shows. */
  readonly title: string;
  readonly recording: SfnRecording;
  /**
   * Further executions of the same pipeline, played at their recorded start offsets after
   * `recording` (an Express workflow runs every few seconds). None for most scenarios.
   */
  readonly laterRuns?: readonly SfnRecording[] | undefined;
  /** The jobs of every run of the scenario. */
  readonly expected: readonly ExpectedJob[];
}

/** scenarioRuns lists every execution a scenario plays, `recording` first. */
export function scenarioRuns(scenario: DemoScenario): SfnRecording[] {
  return [scenario.recording, ...(scenario.laterRuns ?? [])];
}

/** FIXTURE_SCENARIOS names the recorded fixtures by their execution name. */
const FIXTURE_SCENARIOS: Readonly<Record<string, { name: string; title: string; expected: readonly ExpectedJob[] }>> = {
  'checkout-api-main-3f9d2ab': { name: 'linear', title: 'build and deploy, four states in a row', expected: expected.LINEAR },
  'it-checkout-api-3f9d2ab-0921': { name: 'retry-catch', title: 'tests retried twice, failure caught, Fail state', expected: expected.RETRY_CATCH_FAIL },
  'checkout-api-2025-03-14-3f9d2ab': { name: 'map', title: 'inline Map deploying to three regions', expected: expected.MAP },
  'checkout-api-3f9d2ab-pr-1187': { name: 'parallel', title: 'quality gates in two Parallel branches', expected: expected.PARALLEL },
  'release-2025-03-14-0142': { name: 'redrive', title: 'fails in staging, redriven two hours later', expected: expected.REDRIVE },
};

/**
 * demoCatalogue returns every demo scenario, fixtures first, in a fixed order.
 * @throws Error when a recording in recordings/ has no catalogue entry (keep them in step).
 */
export function demoCatalogue(): DemoScenario[] {
  const fixtures = loadSharedFixtureRecordings(RECORDINGS_DIR).map((recording): DemoScenario => {
    const entry = FIXTURE_SCENARIOS[recording.description.name];
    if (entry === undefined) throw new Error(`Demo recording ${recording.description.name} has no catalogue entry in demo-pipelines/index.ts.`);
    return { ...entry, recording };
  });
  return [
    ...fixtures,
    {
      name: 'release',
      title: 'release train: Map with a retried deploy, Parallel tests with a caught failure, production deploy',
      recording: releaseSucceededRecording(),
      expected: expected.RELEASE,
    },
    {
      name: 'release-redrive',
      title: 'release train failing in the production deploy, redriven to success',
      recording: releaseRedrivenRecording(),
      expected: expected.RELEASE_REDRIVE,
    },
    thumbnailScenario(),
  ];
}

function thumbnailScenario(): DemoScenario {
  const [recording, ...laterRuns] = thumbnailRecordings();
  if (recording === undefined) throw new Error('The thumbnail pipeline has no runs.');
  return {
    name: 'thumbnails',
    title: 'Express workflow: a thumbnail per uploaded photo, a run every few seconds (logs only)',
    recording,
    laterRuns,
    expected: expected.THUMBNAILS,
  };
}
