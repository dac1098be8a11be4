/**
 * Playback pacing: recorded gaps divided by the speed, long waits capped first, and the
 * recording re-dated so its timestamps are when its events appear.
 */
import { describe, expect, it } from 'vitest';
import { MAX_GAP_SECONDS, playbackCues, redated } from '../../../src/local/stack/pacing.js';
import type { SfnRecording } from '../../../src/local/sfn-stub/index.js';

const at = (seconds: number): string => new Date(Date.UTC(2025, 2, 14) + seconds * 1000).toISOString();
const recording: SfnRecording = {
  description: { executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:sm:x', stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:sm', name: 'x', startDate: at(0) },
  events: [
    { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: at(0) },
    { id: 2, previousEventId: 0, type: 'PassStateEntered', timestamp: at(2) },
    { id: 3, previousEventId: 2, type: 'PassStateExited', timestamp: at(2) },
    { id: 4, previousEventId: 3, type: 'ExecutionSucceeded', timestamp: at(7200) },
  ],
};

describe('playbackCues', () => {
  it('divides recorded gaps by the speed and caps long waits first', () => {
    // Prepare
    const speed = 10;
    // Act
    const cues = playbackCues(recording.events, speed);
    // Assess
    expect(cues).toEqual([
      { eventId: 1, atMs: 0 },
      { eventId: 2, atMs: 200 },
      { eventId: 3, atMs: 200 },
      { eventId: 4, atMs: 200 + (MAX_GAP_SECONDS * 1000) / speed },
    ]);
  });

  it('orders cues by event id whatever the input order', () => {
    // Prepare
    const shuffled = [...recording.events].reverse();
    // Act
    const cues = playbackCues(shuffled, 1, 5);
    // Assess
    expect(cues.map((cue) => cue.eventId)).toEqual([1, 2, 3, 4]);
    expect(cues.at(-1)?.atMs).toBe(7000);
  });
});

describe('redated', () => {
  it('moves every timestamp to the start plus its cue, and the start date with it', () => {
    // Prepare
    const cues = playbackCues(recording.events, 100);
    const start = 1_800_000_000_000;
    // Act
    const played = redated(recording, cues, start);
    // Assess
    expect(played.description.startDate).toBe(start);
    expect(played.events.map((event) => event.timestamp)).toEqual(cues.map((cue) => start + cue.atMs));
    expect(recording.events[0]?.timestamp).toBe(at(0));
  });
});
