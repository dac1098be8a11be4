/**
 * Support for handler integration tests: the shared fixtures as stub recordings, a movable
 * clock set to the fixtures' day (their executions ended in March 2025, and the reconciler
 * ignores executions that ended before the retention window), and event capture.
 */
import { RECORDINGS_DIR } from '../../../src/local/demo-pipelines/recordings-dir.js';
import { loadSharedFixtureRecordings } from '../../../src/local/sfn-stub/index.js';
import type { SfnRecording, SfnStatusChangeEvent, SfnStub } from '../../../src/local/sfn-stub/index.js';
import type { TrackingStore } from '../../../src/ports.js';

export const FIXTURES = loadSharedFixtureRecordings(RECORDINGS_DIR);

/** fixture returns the recording of scenario `letter` (a–e). */
export function fixture(letter: string): SfnRecording {
  const found = FIXTURES.find((rec) => rec.description.name.length > 0 && scenarioOf(rec) === letter);
  if (found === undefined) throw new Error(`no fixture ${letter}`);
  return found;
}

const NAMES: Record<string, string> = {
  'build-and-deploy': 'a',
  'integration-tests': 'b',
  'deploy-regions': 'c',
  'quality-gates': 'd',
  'release-pipeline': 'e',
};

/** scenarioOf names a fixture recording by its letter. */
export function scenarioOf(rec: SfnRecording): string {
  return NAMES[rec.description.stateMachineArn.split(':')[6] ?? ''] ?? '?';
}

/** Clock is a movable clock starting on the fixtures' day. */
export class Clock {
  private at = Date.parse('2025-03-15T00:00:00Z');
  now = (): number => this.at;
  advance(ms: number): void {
    this.at += ms;
  }
}

/** revealAll adds the recording with nothing shown, reveals it all, and returns the status-change events emitted. */
export function revealAll(sfn: SfnStub, rec: SfnRecording): SfnStatusChangeEvent[] {
  sfn.addExecution(rec, { revealed: 0 });
  return revealTo(sfn, rec.description.executionArn, 'all');
}

/** revealTo reveals up to an event id and returns the status-change events emitted. */
export function revealTo(sfn: SfnStub, executionArn: string, upTo: number | 'all'): SfnStatusChangeEvent[] {
  const events: SfnStatusChangeEvent[] = [];
  const off = sfn.onStatusChange((event) => events.push(event));
  sfn.reveal(executionArn, upTo);
  off();
  return events;
}

/**
 * crashOnce makes the first markCreated of `real` fail, as if the function died right after
 * oVirt created the object and before the table recorded it; later calls pass through.
 */
export function crashOnce(real: TrackingStore): TrackingStore {
  let armed = true;
  return new Proxy(real, {
    get(target, property, receiver) {
      if (property !== 'markCreated') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<TrackingStore['markCreated']>) => {
        if (!armed) return target.markCreated(...args);
        armed = false;
        return Promise.reject(new Error('simulated crash'));
      };
    },
  });
}
