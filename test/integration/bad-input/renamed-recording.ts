/**
 * renamedRecording copies the linear fixture (a) under another execution name and with other
 * state names, so hostile names travel the whole way: history → tree → descriptions → oVirt.
 */
import type { SdkHistoryEvent, SfnRecording } from '../../../src/local/sfn-stub/index.js';
import { fixtureRecordings, freshRecording } from '../../helpers/chaos/recordings.js';

/** FIXTURE_A_STATES are the state names of fixture a, in the order they are visited. */
export const FIXTURE_A_STATES = ['PrepareBuild', 'RunBuild', 'DeployService', 'Done'] as const;

/**
 * renamedRecording returns fixture a as execution `executionName` (it must be a valid
 * execution name) with each state renamed by `states` (old name → new name).
 */
export function renamedRecording(executionName: string, states: Readonly<Record<string, string>>, startMs = Date.now()): SfnRecording {
  const template = fixtureRecordings().get('a');
  if (template === undefined) throw new Error('Fixture a is missing from src/local/demo-pipelines/recordings.');
  const fresh = freshRecording(template, 'x', startMs);
  const d = fresh.description;
  const executionArn = `${d.executionArn.slice(0, d.executionArn.lastIndexOf(':'))}:${executionName}`;
  const events = fresh.events.map((event): SdkHistoryEvent => {
    const renamed: Record<string, unknown> = { ...event };
    for (const member of ['stateEnteredEventDetails', 'stateExitedEventDetails']) {
      const details = event[member] as { name?: string } | undefined;
      if (details?.name !== undefined) renamed[member] = { ...details, name: states[details.name] ?? details.name };
    }
    return renamed as unknown as SdkHistoryEvent;
  });
  return { ...fresh, description: { ...d, executionArn, name: executionName }, events };
}
