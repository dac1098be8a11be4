/**
 * Playback pacing: when each recorded event becomes visible. Gaps between consecutive events
 * keep their recorded length divided by the speed, except that long waits (a two-hour pause
 * before a redrive, a 5-minute build) are first capped, so a demo shows every phase without
 * making anyone wait for it:
 *
 * ```text
 * recorded  |-0.03-|------284 s------|-0.01-|
 * capped    |-0.03-|---30 s---|-0.01-|          (MAX_GAP_SECONDS)
 * played    |.|---3 s---|.|                      (÷ speed 10)
 * ```
 *
 * The recording is then re-dated so its timestamps are exactly when the events appear: the
 * reconciler, the status events and DescribeExecution all see a pipeline running now.
 */
import type { SdkHistoryEvent, SfnRecording } from '../sfn-stub/index.js';

/** MAX_GAP_SECONDS is the longest recorded pause kept between two events (before the speed applies). */
export const MAX_GAP_SECONDS = 30;

/** Cue says when (ms after the scenario's start) an event becomes visible. */
export interface Cue {
  readonly eventId: number;
  readonly atMs: number;
}

/** toEpochMs reads a recording's date (Date, epoch ms or ISO string) as epoch ms. */
export const toEpochMs = (timestamp: SdkHistoryEvent['timestamp']): number =>
  timestamp instanceof Date ? timestamp.getTime() : typeof timestamp === 'number' ? timestamp : Date.parse(timestamp);

/**
 * playbackCues returns one cue per event, in id order, with non-decreasing times.
 * @example playbackCues(recording.events, 10) // [{ eventId: 1, atMs: 0 }, { eventId: 2, atMs: 3 }, …]
 */
export function playbackCues(events: readonly SdkHistoryEvent[], speed: number, maxGapSeconds = MAX_GAP_SECONDS): Cue[] {
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const cues: Cue[] = [];
  let previous: number | undefined;
  let at = 0;
  for (const event of sorted) {
    const time = toEpochMs(event.timestamp);
    if (previous !== undefined) {
      const gapMs = Number.isFinite(time - previous) ? Math.max(0, time - previous) : 0;
      at += Math.min(gapMs, maxGapSeconds * 1000) / speed;
    }
    previous = time;
    cues.push({ eventId: event.id, atMs: Math.round(at) });
  }
  return cues;
}

/** redated returns `recording` with every timestamp moved to `startMs + cue` and startDate = startMs. */
export function redated(recording: SfnRecording, cues: readonly Cue[], startMs: number): SfnRecording {
  const at = new Map(cues.map((cue) => [cue.eventId, cue.atMs]));
  return {
    ...recording,
    description: { ...recording.description, startDate: startMs },
    events: recording.events.map((event) => ({ ...event, timestamp: startMs + (at.get(event.id) ?? 0) })),
  };
}
