/**
 * The recorded executions a–e (src/local/demo-pipelines/recordings, the folder the demo plays)
 * as the core tests need them: events converted by the Step Functions adapter's own
 * toHistoryEvent, so the core is tested on what production hands it.
 */
import type { HistoryEvent as SfnHistoryEvent } from '@aws-sdk/client-sfn';
import { toHistoryEvent } from '../../src/adapters/sfn/to-history-event.js';
import { RECORDINGS_DIR } from '../../src/local/demo-pipelines/recordings-dir.js';
import { loadSharedFixtureRecordings } from '../../src/local/sfn-stub/index.js';
import type { SdkHistoryEvent, SfnRecording } from '../../src/local/sfn-stub/index.js';
import type { HistoryEvent } from '../../src/model/execution.js';

/** FIXTURE_NAMES are the scenario letters of the recorded executions, in order. */
export const FIXTURE_NAMES = ['a', 'b', 'c', 'd', 'e'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** FixtureExecution tells which execution a recording is. */
export interface FixtureExecution {
  readonly executionArn: string;
  readonly stateMachineName: string;
  readonly executionName: string;
  readonly stateMachineArn: string;
}

/** fixtureRecordings returns the recordings, loaded once when this module is imported, keyed by scenario letter (shared: do not mutate). */
export function fixtureRecordings(): ReadonlyMap<FixtureName, SfnRecording> {
  return RECORDINGS;
}

function loadRecordings(): ReadonlyMap<FixtureName, SfnRecording> {
  const recordings = loadSharedFixtureRecordings(RECORDINGS_DIR);
  if (recordings.length !== FIXTURE_NAMES.length) throw new Error(`Expected the ${FIXTURE_NAMES.length} recordings a–e in ${RECORDINGS_DIR}.`);
  return new Map(FIXTURE_NAMES.map((name, i) => [name, recordings[i] as SfnRecording]));
}

const RECORDINGS = loadRecordings();

function recording(name: FixtureName): SfnRecording {
  const found = fixtureRecordings().get(name);
  if (found === undefined) throw new Error(`No recording "${name}" in ${RECORDINGS_DIR}.`);
  return found;
}

function execution(recording: SfnRecording): FixtureExecution {
  const { executionArn, stateMachineArn, name } = recording.description;
  return { executionArn, stateMachineArn, executionName: name, stateMachineName: stateMachineArn.slice(stateMachineArn.lastIndexOf(':') + 1) };
}

/** FIXTURES names the execution of each recording. */
export const FIXTURES: Readonly<Record<FixtureName, FixtureExecution>> = Object.fromEntries(
  FIXTURE_NAMES.map((name) => [name, execution(recording(name))]),
) as Record<FixtureName, FixtureExecution>;

/**
 * fromRecording converts one recorded event as the adapter converts what the SDK returns. The
 * recordings are GetExecutionHistory outputs with ISO dates where the SDK would give a Date;
 * the adapter's toHistoryEvent reads both.
 */
function fromRecording(event: SdkHistoryEvent): HistoryEvent {
  return toHistoryEvent(event as unknown as SfnHistoryEvent);
}

/** loadHistory returns all events of a recording (every page), converted and ascending. */
export function loadHistory(name: FixtureName): HistoryEvent[] {
  return recording(name).events.map(fromRecording);
}

/** loadDefinition returns the ASL definition of a recording's state machine. */
export function loadDefinition(name: FixtureName): unknown {
  return recording(name).definition;
}
