/**
 * playScenarios plays demo scenarios on the Step Functions stub: each execution is added
 * unrevealed, re-dated to run now, and its events are revealed on the cues of pacing.ts.
 * Scenarios start a little apart, so the task monitor shows pipelines arriving one by one; the
 * later runs of a scenario (an Express workflow's uploads) start at their recorded offsets.
 * Revealing is what makes the stub emit status change events (to the event pump).
 */
import type { SfnStub } from '../sfn-stub/index.js';
import { scenarioRuns } from '../demo-pipelines/index.js';
import type { DemoScenario } from '../demo-pipelines/index.js';
import type { Cue } from './pacing.js';
import { playbackCues, redated, toEpochMs } from './pacing.js';

/** STAGGER_SECONDS is the recorded-time gap between two scenarios' starts (divided by the speed). */
export const STAGGER_SECONDS = 20;

/** Playback tracks the scenarios being played. */
export interface Playback {
  /** Resolves when every event of every scenario is visible; rejects if the stub refuses a reveal. */
  readonly done: Promise<void>;
  /** Names of scenarios whose last event is visible. */
  finished(): string[];
  stop(): void;
}

/** playScenarios starts playing `scenarios` at `speed`. */
export function playScenarios(stub: Pick<SfnStub, 'addExecution' | 'reveal'>, scenarios: readonly DemoScenario[], speed: number): Playback {
  const timers = new Set<NodeJS.Timeout>();
  const finished: string[] = [];
  const begin = Date.now();
  const plays = scenarios.map((scenario, index) => {
    const scenarioStartMs = begin + Math.round((index * STAGGER_SECONDS * 1000) / speed);
    const firstStart = toEpochMs(scenario.recording.description.startDate);
    const runs = scenarioRuns(scenario).map((recording) => {
      // A later run starts at its recorded offset from the first run, divided by the speed.
      const startMs = scenarioStartMs + Math.round(Math.max(0, toEpochMs(recording.description.startDate) - firstStart) / speed);
      const cues = playbackCues(recording.events, speed);
      stub.addExecution(redated(recording, cues, startMs), { revealed: 0 });
      return reveal(stub, recording.description.executionArn, cues, startMs, timers);
    });
    return Promise.all(runs).then(() => void finished.push(scenario.name));
  });
  return {
    done: Promise.all(plays).then(() => undefined),
    finished: () => [...finished],
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function reveal(stub: Pick<SfnStub, 'reveal'>, executionArn: string, cues: readonly Cue[], startMs: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const tick = (): void => {
      const elapsed = Date.now() - startMs;
      let upTo: number | undefined;
      while (next < cues.length && (cues[next]?.atMs ?? Infinity) <= elapsed) upTo = cues[next++]?.eventId;
      try {
        if (upTo !== undefined) stub.reveal(executionArn, upTo);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (next >= cues.length) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        tick();
      }, Math.max(0, startMs + (cues[next]?.atMs ?? 0) - Date.now()));
      timers.add(timer);
    };
    tick();
  });
}
