/**
 * Shared setup of the Step Functions tests: the fixture recordings, the real SDK client pointed
 * at a stub, and small readers for the fixture files.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { readFileSync } from 'node:fs';
import { RECORDINGS_DIR } from '../../../src/local/demo-pipelines/recordings-dir.js';
import type { FixtureName } from '../../helpers/fixtures.js';
import { loadSharedFixtureRecordings } from '../../../src/local/sfn-stub/index.js';
import type { SfnRecording, SfnStatusChangeEvent } from '../../../src/local/sfn-stub/index.js';

/** FIXTURE_DIR is the folder of the Step Functions recordings. */
export const FIXTURE_DIR = RECORDINGS_DIR;

/** recordings loads the fixture recordings a–e, keyed by scenario letter. */
export function recordings(): Record<FixtureName, SfnRecording> {
  const [a, b, c, d, e] = loadSharedFixtureRecordings(FIXTURE_DIR);
  if (a === undefined || b === undefined || c === undefined || d === undefined || e === undefined) {
    throw new Error('The Step Functions fixture folder must hold the five scenarios a–e.');
  }
  return { a, b, c, d, e };
}

/** fixtureStatusEvents reads the EventBridge status change events of the fixtures. */
export function fixtureStatusEvents(): Record<string, SfnStatusChangeEvent> {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}eventbridge-status-change-events.json`, 'utf8')) as Record<string, SfnStatusChangeEvent>;
}

/** sdkClient is the real SFNClient pointed at the stub with dummy credentials (one attempt unless told). */
export function sdkClient(url: string, maxAttempts = 1): SFNClient {
  return new SFNClient({
    endpoint: url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

/** arnOf is the execution ARN of a recording. */
export const arnOf = (rec: SfnRecording): string => rec.description.executionArn;

/** caught resolves to what a promise rejected with (fails the test if it resolved). */
export async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}
