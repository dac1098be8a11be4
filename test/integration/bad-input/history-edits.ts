/**
 * Edits of a recording's history for the bad-input tests: events of types Step Functions may
 * add one day, and histories that stop in the middle of a state.
 */
import type { SdkHistoryEvent, SfnRecording } from '../../../src/local/sfn-stub/index.js';

/**
 * withUnknownEvents inserts an event of an unknown type after each given event id (its thread
 * continues from it) and renumbers the history, keeping every previousEventId link.
 */
export function withUnknownEvents(recording: SfnRecording, after: readonly number[], type = 'QuantumStateEntangled'): SfnRecording {
  const out: SdkHistoryEvent[] = [];
  // Where an event's thread continues: its own new id, or the unknown event inserted after it.
  const threadTip = new Map<number, number>();
  for (const event of recording.events) {
    const id = out.length + 1;
    out.push({ ...event, id, previousEventId: threadTip.get(event.previousEventId ?? 0) ?? 0 });
    threadTip.set(event.id, id);
    if (after.includes(event.id)) {
      out.push({ id: id + 1, previousEventId: id, type, timestamp: event.timestamp, quantumStateEntangledEventDetails: { spin: 'up' } });
      threadTip.set(event.id, id + 1);
    }
  }
  return { ...recording, events: out };
}

/** cutAfter keeps the first `count` events: the history ends abruptly, in the middle of a state. */
export function cutAfter(recording: SfnRecording, count: number): SfnRecording {
  return { ...recording, events: recording.events.slice(0, count) };
}
