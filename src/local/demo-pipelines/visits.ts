/**
 * State visits for history scripts: the event sequences AWS records for Task, Pass, Succeed,
 * Map and Parallel states, written on a Thread.
 * Retries stay inside one visit; a caught failure still exits; an uncaught one does not.
 */
import type { DraftEvent, Thread } from './history-writer.js';

/** TaskResource is the integration a Task calls, e.g. lambda `invoke` or sns `publish`. */
export interface TaskResource {
  readonly resourceType: string;
  readonly resource: string;
}

/** LAMBDA_INVOKE is the optimised Lambda integration (`arn:aws:states:::lambda:invoke`). */
export const LAMBDA_INVOKE: TaskResource = { resourceType: 'lambda', resource: 'invoke' };

/** SNS_PUBLISH is `arn:aws:states:::sns:publish`. */
export const SNS_PUBLISH: TaskResource = { resourceType: 'sns', resource: 'publish' };

/** TaskAttempt is one try of a Task: how long it ran, and its error when it failed. */
export interface TaskAttempt {
  readonly seconds: number;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  /** Backoff before this attempt (the Retry interval); ignored for the first attempt. */
  readonly afterSeconds?: number | undefined;
}

const REGION = 'eu-west-1';

/** enter records `<Type>StateEntered` for state `name`. */
export function enter(thread: Thread, stateType: string, name: string, input = '{}'): DraftEvent {
  return thread.wait(0.01).emit(`${stateType}StateEntered`, { name, input });
}

/** exit records `<Type>StateExited` for state `name`. */
export function exit(thread: Thread, stateType: string, name: string, output = '{}'): DraftEvent {
  return thread.wait(0.012).emit(`${stateType}StateExited`, { name, output });
}

/** taskAttempt records Scheduled → Started → Succeeded | Failed; resolves whether it failed. */
export function taskAttempt(thread: Thread, resource: TaskResource, attempt: TaskAttempt, index = 0): boolean {
  thread.wait(index === 0 ? 0 : (attempt.afterSeconds ?? 1));
  thread.emit('TaskScheduled', { ...resource, region: REGION, parameters: '{}' });
  thread.wait(0.05).emit('TaskStarted', { ...resource });
  thread.wait(attempt.seconds);
  if (attempt.error !== undefined) {
    thread.emit('TaskFailed', { ...resource, error: attempt.error, cause: attempt.cause ?? '' });
    return true;
  }
  thread.emit('TaskSucceeded', { ...resource, output: '{}' });
  return false;
}

/**
 * task records a whole Task visit: entered, every attempt, and the exit — unless the last
 * attempt failed and `caught` is false, in which case the visit stays open (the caller ends
 * the execution or the iteration).
 */
export function task(thread: Thread, name: string, resource: TaskResource, attempts: readonly TaskAttempt[], caught = false): boolean {
  enter(thread, 'Task', name);
  let failed = false;
  attempts.forEach((attempt, index) => {
    failed = taskAttempt(thread, resource, attempt, index);
  });
  if (!failed || caught) exit(thread, 'Task', name, failed ? '{"Error":"caught"}' : '{}');
  return failed;
}

/** pass records a Pass visit. */
export function pass(thread: Thread, name: string): void {
  enter(thread, 'Pass', name);
  exit(thread, 'Pass', name);
}

/** succeed records a Succeed visit. */
export function succeed(thread: Thread, name: string): void {
  enter(thread, 'Succeed', name);
  thread.emit('SucceedStateExited', { name, output: '{}' });
}

/**
 * inlineMap records a Map visit with one iteration per `iterations` entry, all started at
 * once; each entry writes its iteration's states. Iteration ends do not advance the chain,
 * and MapStateSucceeded/MapStateExited both point at the last iteration end.
 */
export function inlineMap(thread: Thread, name: string, iterations: ReadonlyArray<(it: Thread) => void>): void {
  enter(thread, 'Map', name);
  thread.emit('MapStateStarted', { length: iterations.length });
  const threads = thread.wait(0.012).fork(iterations.length);
  threads.forEach((it, index) => it.wait(index * 0.001).emit('MapIterationStarted', { name, index }));
  const ends = threads.map((it, index) => {
    iterations[index]?.(it);
    return it.wait(0.008).emit('MapIterationSucceeded', { name, index }, { advance: false });
  });
  const last = ends.reduce((a, b) => (b.atMs > a.atMs || (b.atMs === a.atMs && b.seq > a.seq) ? b : a));
  thread.join(threads);
  thread.wait(0.013).emit('MapStateSucceeded', undefined, { prev: last, advance: false });
  thread.emit('MapStateExited', { name, output: '[]' }, { prev: last });
}

/**
 * parallel records a Parallel visit: each branch starts from ParallelStateStarted;
 * ParallelStateSucceeded and ParallelStateExited both point at the last branch event.
 */
export function parallel(thread: Thread, name: string, branches: ReadonlyArray<(branch: Thread) => void>): void {
  enter(thread, 'Parallel', name);
  thread.emit('ParallelStateStarted');
  const threads = thread.fork(branches.length);
  threads.forEach((branch, index) => {
    branch.wait(index * 0.002);
    branches[index]?.(branch);
  });
  const last = thread.join(threads);
  thread.wait(0.012).emit('ParallelStateSucceeded', undefined, { prev: last, advance: false });
  thread.emit('ParallelStateExited', { name, output: '[]' }, { prev: last });
}
