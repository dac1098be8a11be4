/**
 * The optional state file: the whole job/step database as JSON, written atomically (temp
 * file + rename) after every change and read back at start, so jobs survive a restart of
 * the CLI. Tokens are not saved: a restarted engine has lost its SSO sessions.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { JobRecord, StepRecord } from './records.js';
import type { EngineStore } from './store.js';

/** @internal File layout, versioned so a future change can be detected. */
interface StateFileContent {
  version: 1;
  jobs: JobRecord[];
  steps: StepRecord[];
}

/** loadState fills the store from a state file; false when the file does not exist yet. */
export function loadState(path: string, store: EngineStore): boolean {
  if (!existsSync(path)) return false;
  let content: StateFileContent;
  try {
    content = JSON.parse(readFileSync(path, 'utf8')) as StateFileContent;
  } catch (error) {
    throw new Error(`The simulator state file ${path} is not valid JSON; fix or delete it and start again.`, { cause: error });
  }
  if (content.version !== 1 || !Array.isArray(content.jobs) || !Array.isArray(content.steps)) {
    throw new Error(`The simulator state file ${path} has an unknown layout; delete it and start again.`);
  }
  store.clear();
  for (const job of content.jobs) store.insertJob(job);
  for (const step of content.steps) store.insertStep(step);
  return true;
}

/** saveState writes the store to the state file atomically. */
export function saveState(path: string, store: EngineStore): void {
  const content: StateFileContent = { version: 1, jobs: store.jobs(), steps: store.allSteps() };
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(content));
  renameSync(temp, path);
}
