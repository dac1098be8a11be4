/**
 * Large synthetic histories for the checkpoint-size budget: a wide inline Map with concurrent
 * iterations interleaved at random (seeded), and a long polling loop.
 */
import type { HistoryEvent } from '../../../../src/model/execution.js';
import { History } from './history.js';
import { seededRandom } from '../../../../src/local/seeded-random.js';


interface Running {
  index: number;
  stage: number;
  last: number;
}

/**
 * wideMap: an inline Map of `items` iterations, at most `concurrency` at a time, each a Pass
 * state. Iterations that take a freed slot point at the last state event of the iteration that
 * freed it (as recorded with MaxConcurrency). Events of running iterations interleave at random.
 */
export function wideMap(items: number, concurrency: number, seed = 7): HistoryEvent[] {
  const h = new History();
  const random = seededRandom(seed);
  h.start();
  const entered = h.add('MapStateEntered', h.simple(0, 'Pass', 'Prepare'), { name: 'Fanout' });
  const marker = h.add('MapStateStarted', entered, { length: items });
  const running: Running[] = [];
  const freed: number[] = [];
  let next = 0;
  let last = marker;
  while (next < items || running.length > 0) {
    while (running.length < concurrency && next < items) {
      const from = freed.shift() ?? marker;
      running.push({ index: next, stage: 0, last: h.add('MapIterationStarted', from, { name: 'Fanout', index: next }) });
      next += 1;
    }
    const pick = Math.floor(random() * running.length);
    const it = running[pick];
    if (it === undefined) break;
    if (it.stage === 0) it.last = h.add('PassStateEntered', it.last, { name: 'Item' });
    else if (it.stage === 1) it.last = h.add('PassStateExited', it.last, { name: 'Item' });
    else {
      last = h.add('MapIterationSucceeded', it.last, { name: 'Fanout', index: it.index });
      freed.push(it.last);
      running.splice(pick, 1);
    }
    it.stage += 1;
  }
  h.add('MapStateSucceeded', last);
  h.succeed(h.add('MapStateExited', last, { name: 'Fanout' }));
  return h.events;
}

/** longLoop: a polling loop (Task → Choice → Wait) repeated until about `events` events exist. */
export function longLoop(events: number): HistoryEvent[] {
  const h = new History();
  h.start();
  let last = 0;
  while (h.size < events - 12) {
    last = h.task(last, 'PollStatus');
    last = h.simple(last, 'Choice', 'IsReady');
    last = h.simple(last, 'Wait', 'Backoff');
  }
  h.succeed(h.task(last, 'PollStatus'));
  return h.events;
}
