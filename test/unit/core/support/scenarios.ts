/**
 * Synthetic histories for shapes the recordings do not cover. Each follows the
 * previousEventId rules AWS records (an event points at the previous event of its own thread);
 * the ones marked "modelled" rest on indirect evidence about redrives.
 */
import type { HistoryEvent } from '../../../../src/model/execution.js';
import { failure, History } from './history.js';

/** loop visits CheckStatus → IsDone → WaitBeforeRetry `times` times, then succeeds. */
export function loop(times = 5): HistoryEvent[] {
  const h = new History();
  h.start();
  let last = 0;
  for (let i = 1; i <= times; i += 1) {
    last = h.task(last, 'CheckStatus');
    last = h.simple(last, 'Choice', 'IsDone');
    if (i < times) last = h.simple(last, 'Wait', 'WaitBeforeRetry');
  }
  h.succeed(last);
  return h.events;
}

/** retrySucceeds: Deploy fails once (Throttled), the retry succeeds. */
export function retrySucceeds(): HistoryEvent[] {
  const h = new History();
  h.start();
  h.succeed(h.task(0, 'Deploy', [failure('Throttled', 'Rate exceeded'), 'ok']));
  return h.events;
}

/** caughtFailure: Deploy fails without retry, the Catch routes to HandleError, the execution succeeds. */
export function caughtFailure(): HistoryEvent[] {
  const h = new History();
  h.start();
  const exit = h.task(0, 'Deploy', [failure('DeployFailed', 'Target group unhealthy')]);
  h.succeed(h.simple(exit, 'Pass', 'HandleError'));
  return h.events;
}

/**
 * failFirstAttempt runs one Map attempt of `length` concurrent Work tasks in which iteration
 * `failing` fails and the others are aborted; returns the failure event id.
 */
function failMapAttempt(h: History, marker: number, length: number, failing: number): number {
  const started = Array.from({ length }, (_, i) => h.add('MapIterationStarted', marker, { name: 'Fanout', index: i }));
  const entered = started.map((id) => h.add('TaskStateEntered', id, { name: 'Work' }));
  const scheduled = entered.map((id) => h.add('TaskScheduled', id, { resourceType: 'lambda', resource: 'invoke' }));
  const failed = h.add('TaskFailed', scheduled[failing] ?? 0, { error: 'WorkFailed', cause: `item ${failing} broke` });
  h.add('MapIterationFailed', failed, { name: 'Fanout', index: failing });
  for (let i = 0; i < length; i += 1) {
    if (i === failing) continue;
    h.add('MapIterationAborted', failed, { name: 'Fanout', index: i });
    h.add('TaskStateAborted', failed);
  }
  return failed;
}

function succeedMapAttempt(h: History, marker: number, length: number): number {
  let last = marker;
  const started = Array.from({ length }, (_, i) => h.add('MapIterationStarted', marker, { name: 'Fanout', index: i }));
  started.forEach((id, i) => {
    last = h.add('MapIterationSucceeded', h.task(id, 'Work'), { name: 'Fanout', index: i });
  });
  return last;
}

/** mapRetry: attempt 1 fails (iteration 1 fails, 0 and 2 aborted), the Map's Retry starts attempt 2, which succeeds. */
export function mapRetry(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('MapStateEntered', h.simple(0, 'Pass', 'Prepare'), { name: 'Fanout' });
  const failed = failMapAttempt(h, h.add('MapStateStarted', entered, { length: 3 }), 3, 1);
  const mapFailed = h.add('MapStateFailed', failed);
  const last = succeedMapAttempt(h, h.add('MapStateStarted', mapFailed, { length: 3 }), 3);
  h.add('MapStateSucceeded', last);
  h.succeed(h.add('MapStateExited', last, { name: 'Fanout' }));
  return h.events;
}

/** mapCaught: iteration 1 fails, its siblings are aborted, the Map's Catch routes to Recover. */
export function mapCaught(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('MapStateEntered', 0, { name: 'Fanout' });
  const failed = failMapAttempt(h, h.add('MapStateStarted', entered, { length: 3 }), 3, 1);
  const mapFailed = h.add('MapStateFailed', failed);
  const exit = h.add('MapStateExited', mapFailed, { name: 'Fanout' });
  h.succeed(h.simple(exit, 'Pass', 'Recover'));
  return h.events;
}

/** mapUncaught: iteration 2 fails and nothing catches it: the execution fails. */
export function mapUncaught(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('MapStateEntered', 0, { name: 'Fanout' });
  const failed = failMapAttempt(h, h.add('MapStateStarted', entered, { length: 4 }), 4, 2);
  const mapFailed = h.add('MapStateFailed', failed);
  h.add('ExecutionFailed', mapFailed, { error: 'WorkFailed', cause: 'item 2 broke' });
  return h.events;
}

/**
 * mapRedriven (modelled): like mapUncaught, then a redrive reruns only the failed and aborted
 * iterations, each new MapIterationStarted pointing at ExecutionRedriven.
 */
export function mapRedriven(): HistoryEvent[] {
  const h = new History();
  const events = mapUncaught();
  for (const event of events) h.add(event.type, event.previousEventId, event.details);
  const redriven = h.add('ExecutionRedriven', events.length, { redriveCount: 1 });
  let last = redriven;
  for (const index of [0, 1, 2, 3]) {
    const started = h.add('MapIterationStarted', redriven, { name: 'Fanout', index });
    last = h.add('MapIterationSucceeded', h.task(started, 'Work'), { name: 'Fanout', index });
  }
  h.add('MapStateSucceeded', last);
  h.succeed(h.add('MapStateExited', last, { name: 'Fanout' }));
  return h.events;
}

/** parallelRetry: branch Scan fails in attempt 1 (Lint had finished); the retry succeeds. */
export function parallelRetry(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('ParallelStateEntered', 0, { name: 'Checks' });
  const first = h.add('ParallelStateStarted', entered);
  h.task(first, 'Lint');
  const scanEntered = h.add('TaskStateEntered', first, { name: 'Scan' });
  const failed = h.attempts(scanEntered, [failure('ScanFailed', 'scanner crashed')]);
  const parallelFailed = h.add('ParallelStateFailed', failed);
  const second = h.add('ParallelStateStarted', parallelFailed);
  h.task(second, 'Lint');
  const last = h.task(second, 'Scan');
  h.add('ParallelStateSucceeded', last);
  h.succeed(h.add('ParallelStateExited', last, { name: 'Checks' }));
  return h.events;
}

/** parallelUncaught: Scan fails while Lint still runs; Lint is aborted and the execution fails. */
export function parallelUncaught(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('ParallelStateEntered', 0, { name: 'Checks' });
  const started = h.add('ParallelStateStarted', entered);
  const lint = h.add('TaskStateEntered', started, { name: 'Lint' });
  const scan = h.add('TaskStateEntered', started, { name: 'Scan' });
  h.add('TaskScheduled', lint, { resourceType: 'lambda', resource: 'invoke' });
  const failed = h.attempts(scan, [failure('ScanFailed', 'critical finding')]);
  h.add('TaskStateAborted', failed);
  const parallelFailed = h.add('ParallelStateFailed', failed);
  h.add('ExecutionFailed', parallelFailed, { error: 'ScanFailed', cause: 'critical finding' });
  return h.events;
}

/** stopDuringWait: StopExecution while waiting: only ExecutionAborted, pointing at 0. */
export function stopDuringWait(): HistoryEvent[] {
  const h = new History();
  h.start();
  h.add('WaitStateEntered', h.simple(0, 'Pass', 'Prepare'), { name: 'WaitForApproval' });
  h.add('ExecutionAborted', 0, { error: 'Superseded', cause: 'A newer release started' });
  return h.events;
}

/** timedOut: the execution times out while a Task runs. */
export function timedOut(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('TaskStateEntered', 0, { name: 'LongBuild' });
  h.add('TaskStarted', h.add('TaskScheduled', entered, { resourceType: 'codebuild', resource: 'startBuild.sync' }));
  h.add('ExecutionTimedOut', 0);
  return h.events;
}

/** MAP_RUN_ARN is the Map Run of the distributedMap scenario. */
export const MAP_RUN_ARN = 'arn:aws:states:eu-west-1:482913557106:mapRun:inventory/ProcessFiles:0b6e1c9d-7d61-4f39-9a2e-5d8f0e3c1a77';

/** distributedMap: a Distributed Map whose items run as child executions. */
export function distributedMap(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('MapStateEntered', 0, { name: 'ProcessFiles' });
  const started = h.add('MapStateStarted', entered, { length: 0 });
  const run = h.add('MapRunStarted', started, { mapRunArn: MAP_RUN_ARN });
  const done = h.add('MapRunSucceeded', run);
  h.add('MapStateSucceeded', done);
  h.succeed(h.add('MapStateExited', done, { name: 'ProcessFiles' }));
  return h.events;
}

/** redriveFresh: Deploy fails, the execution fails, a redrive enters Deploy afresh and succeeds. */
export function redriveFresh(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('TaskStateEntered', h.simple(0, 'Pass', 'Prepare'), { name: 'Deploy' });
  const failed = h.attempts(entered, [failure('Locked', 'environment locked')]);
  const executionFailed = h.add('ExecutionFailed', failed, { error: 'Locked', cause: 'environment locked' });
  const redriven = h.add('ExecutionRedriven', executionFailed, { redriveCount: 1 });
  h.succeed(h.task(redriven, 'Deploy'));
  return h.events;
}

/** sequentialMap: MaxConcurrency 1, each MapIterationStarted after the first points at the previous iteration's last state event. */
export function sequentialMap(items = 3): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('MapStateEntered', 0, { name: 'OneByOne' });
  const marker = h.add('MapStateStarted', entered, { length: items });
  let chain = marker;
  let last = marker;
  for (let index = 0; index < items; index += 1) {
    const started = h.add('MapIterationStarted', chain, { name: 'OneByOne', index });
    chain = h.simple(started, 'Pass', 'Item');
    last = h.add('MapIterationSucceeded', chain, { name: 'OneByOne', index });
  }
  h.add('MapStateSucceeded', last);
  h.succeed(h.add('MapStateExited', last, { name: 'OneByOne' }));
  return h.events;
}

/** unknownEvents: event types this code has never heard of, inside a Task and at top level. */
export function unknownEvents(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('TaskStateEntered', 0, { name: 'Build' });
  const started = h.add('TaskStarted', h.add('TaskScheduled', entered, { resourceType: 'lambda', resource: 'invoke' }));
  const odd = h.add('ProgressReported', started, { name: 'halfway' });
  const exit = h.add('TaskStateExited', h.add('TaskSucceeded', odd), { name: 'Build' });
  h.add('FutureExecutionInsight', 0);
  h.succeed(exit);
  return h.events;
}

/** failInIteration: a Fail state inside iteration 0 fails the Map and the execution. */
export function failInIteration(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('MapStateEntered', 0, { name: 'Validate' });
  const marker = h.add('MapStateStarted', entered, { length: 1 });
  const iteration = h.add('MapIterationStarted', marker, { name: 'Validate', index: 0 });
  const fail = h.add('FailStateEntered', h.simple(iteration, 'Choice', 'IsValid'), { name: 'Invalid' });
  h.add('MapIterationFailed', fail, { name: 'Validate', index: 0 });
  const mapFailed = h.add('MapStateFailed', fail);
  h.add('ExecutionFailed', mapFailed, { error: 'InvalidItem', cause: 'Item 0 is not valid' });
  return h.events;
}

/** parallelInMap: each of two iterations runs a Parallel with two branches. */
export function parallelInMap(): HistoryEvent[] {
  const h = new History();
  h.start();
  const entered = h.add('MapStateEntered', 0, { name: 'Regions' });
  const marker = h.add('MapStateStarted', entered, { length: 2 });
  let last = marker;
  for (const index of [0, 1]) {
    const started = h.add('MapIterationStarted', marker, { name: 'Regions', index });
    const parallel = h.add('ParallelStateEntered', started, { name: 'Checks' });
    const branches = h.add('ParallelStateStarted', parallel);
    h.task(branches, 'Smoke');
    const final = h.task(branches, 'Load');
    h.add('ParallelStateSucceeded', final);
    const exit = h.add('ParallelStateExited', final, { name: 'Checks' });
    last = h.add('MapIterationSucceeded', exit, { name: 'Regions', index });
  }
  h.add('MapStateSucceeded', last);
  h.succeed(h.add('MapStateExited', last, { name: 'Regions' }));
  return h.events;
}
