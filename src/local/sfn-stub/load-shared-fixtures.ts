/**
 * loadSharedFixtureRecordings turns the shared Step Functions fixture folder into recordings:
 *
 * ```
 * history-<x>-<slug>.json               one GetExecutionHistory output   ┐ events of execution x
 * history-<x>-<slug>.page-<n>.json      pages, concatenated in n order   ┘
 * describe-execution-<x>-<slug>.json    DescribeExecution output (names x, if present)
 * eventbridge-status-change-events.json `<x>.running` names x otherwise (ARNs, name, startDate)
 * state-machine-definitions.json        { <stateMachineArn>: { definition } }
 * ```
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SdkHistoryEvent, SfnRecording, SfnRecordingDescription } from './types.js';

const HISTORY_FILE = /^history-([a-z0-9]+)-.+?(?:\.page-(\d+))?\.json$/;
const DESCRIBE_FILE = /^describe-execution-([a-z0-9]+)-.+\.json$/;

interface HistoryPart {
  readonly page: number;
  readonly events: readonly SdkHistoryEvent[];
}

/**
 * loadSharedFixtureRecordings reads `dir` and returns one recording per history scenario,
 * ordered by scenario letter.
 * @throws Error naming the file or scenario when the folder does not follow the layout.
 */
export function loadSharedFixtureRecordings(dir: string): SfnRecording[] {
  const files = readdirSync(dir);
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const parts = new Map<string, HistoryPart[]>();
  const describes = new Map<string, string>();
  for (const file of files) {
    const history = HISTORY_FILE.exec(file);
    if (history?.[1] !== undefined) {
      const events = (read(file) as { events?: SdkHistoryEvent[] }).events;
      if (!Array.isArray(events)) throw new Error(`Fixture ${file} has no events array.`);
      parts.set(history[1], [...(parts.get(history[1]) ?? []), { page: Number(history[2] ?? 1), events }]);
    }
    const describe = DESCRIBE_FILE.exec(file);
    if (describe?.[1] !== undefined) describes.set(describe[1], file);
  }
  const statusEvents = files.includes('eventbridge-status-change-events.json')
    ? (read('eventbridge-status-change-events.json') as Record<string, { detail?: SfnRecordingDescription }>)
    : {};
  const definitions = files.includes('state-machine-definitions.json')
    ? (read('state-machine-definitions.json') as Record<string, { definition?: object | string }>)
    : {};
  return [...parts.keys()].sort().map((scenario) => {
    const describeFile = describes.get(scenario);
    const description = describeFile !== undefined ? (read(describeFile) as SfnRecordingDescription) : statusEvents[`${scenario}.running`]?.detail;
    if (description === undefined) {
      throw new Error(`Fixture scenario ${scenario} has a history but no describe-execution file and no "${scenario}.running" status event to name it.`);
    }
    const events = (parts.get(scenario) ?? []).sort((a, b) => a.page - b.page).flatMap((part) => part.events);
    return {
      description: {
        executionArn: description.executionArn,
        stateMachineArn: description.stateMachineArn,
        name: description.name,
        startDate: description.startDate,
      },
      events,
      definition: definitions[description.stateMachineArn]?.definition,
    };
  });
}
