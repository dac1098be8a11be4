/**
 * interleaveIterations writes the iterations of an inline Map attempt the way concurrent
 * iterations appear in a real history: in waves of `concurrency`, every MapIterationStarted
 * pointing at MapStateStarted, and the inner events of the iterations of a wave interleaved
 * round-robin, each pointing at the previous event of its own iteration.
 */
import type { HistoryWriter } from '../../src/local/demo-pipelines/history-writer.js';
import type { Details, Thread } from './history-writer.js';
import { add, visitEvents } from './history-writer.js';

/** MapShape: how many iterations, how many run at once, and what each iteration runs. */
export interface MapShape {
  readonly iterations: number;
  readonly concurrency: number;
  /** 'task': one Lambda Task per item (7 events); 'pass': one Pass state per item (4 events). */
  readonly inner: 'task' | 'pass';
}

type Pending = Array<[string, Details | undefined]>;

/** interleaveIterations returns the id of the last MapIterationSucceeded written. */
export function interleaveIterations(writer: HistoryWriter, mapStartedId: number, mapName: string, shape: MapShape): number {
  let lastEnd = mapStartedId;
  for (let first = 0; first < shape.iterations; first += shape.concurrency) {
    const indexes = Array.from({ length: Math.min(shape.concurrency, shape.iterations - first) }, (_, i) => first + i);
    const wave = indexes.map((index) => {
      const thread: Thread = { last: mapStartedId };
      add(writer, thread, 'MapIterationStarted', { name: mapName, index });
      const events: Pending = [
        ...visitEvents(shape.inner === 'task' ? 'Task' : 'Pass', 'ProcessItem'),
        ['MapIterationSucceeded', { name: mapName, index }],
      ];
      return { thread, events };
    });
    for (let step = 0; wave.some((it) => step < it.events.length); step += 1) {
      for (const iteration of wave) {
        const next = iteration.events[step];
        if (next === undefined) continue;
        const id = add(writer, iteration.thread, next[0], next[1]);
        if (next[0] === 'MapIterationSucceeded') lastEnd = id;
      }
    }
  }
  return lastEnd;
}
