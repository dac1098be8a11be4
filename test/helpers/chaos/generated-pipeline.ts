/**
 * Generated executions for chaos schedules: a fast-check arbitrary of small pipelines (loops,
 * retried and caught tasks, Map states with iterations run one at a time — one may fail,
 * caught or not — Parallel states with branches) ending in success, an uncaught failure, a
 * failure then a redrive that succeeds, a timeout or an abort; and the valid history and ASL
 * definition of each, so the stub can play it like a recording.
 */
import fc from 'fast-check';
import type { SfnRecording } from '../../../src/local/sfn-stub/index.js';
import { HistoryBuilder } from './history-builder.js';

/** Block is one top-level part of a generated pipeline. */
export type Block =
  | { readonly kind: 'task'; readonly failures: number; readonly caught: boolean }
  | { readonly kind: 'loop'; readonly times: number }
  | { readonly kind: 'map'; readonly items: number; readonly failing: number | null; readonly caught: boolean }
  | { readonly kind: 'parallel'; readonly branches: number };

/** Pipeline is a generated execution: its blocks and how it ends. */
export interface Pipeline {
  readonly blocks: readonly Block[];
  readonly end: 'succeed' | 'fail' | 'fail-redrive' | 'timeout' | 'abort';
}

/** GENERATED_STATE_MACHINE is the state machine every generated execution belongs to. */
export const GENERATED_STATE_MACHINE = 'arn:aws:states:eu-west-1:482913557106:stateMachine:generated-pipeline';

const blockArb: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ kind: fc.constant('task' as const), failures: fc.integer({ min: 0, max: 2 }), caught: fc.boolean() }),
  fc.record({ kind: fc.constant('loop' as const), times: fc.integer({ min: 1, max: 4 }) }),
  fc.integer({ min: 1, max: 4 }).chain((items) =>
    fc.record({
      kind: fc.constant('map' as const),
      items: fc.constant(items),
      failing: fc.option(fc.integer({ min: 0, max: items - 1 }), { freq: 3 }),
      caught: fc.boolean(),
    }),
  ),
  fc.record({ kind: fc.constant('parallel' as const), branches: fc.integer({ min: 2, max: 3 }) }),
);

/** pipelineArb generates pipelines of 1–4 blocks. */
export const pipelineArb: fc.Arbitrary<Pipeline> = fc.record({
  blocks: fc.array(blockArb, { minLength: 1, maxLength: 4 }),
  end: fc.constantFrom('succeed' as const, 'fail' as const, 'fail-redrive' as const, 'timeout' as const, 'abort' as const),
});

type States = Record<string, unknown>;

/** generatedRecording builds the recording of `pipeline` as execution `name`, first event at `startMs`. */
export function generatedRecording(pipeline: Pipeline, name: string, startMs: number): SfnRecording {
  const h = new HistoryBuilder(startMs);
  const states: States = {};
  let last = h.add('ExecutionStarted', 0, { input: '{}' });
  let ended = false;
  pipeline.blocks.forEach((block, i) => {
    if (ended) return;
    const result = addBlock(h, block, i, last === 1 ? 0 : last, states);
    last = result.last;
    ended = result.failedExecution;
  });
  if (!ended) addEnd(h, pipeline.end, last === 1 ? 0 : last, states);
  const executionArn = `${GENERATED_STATE_MACHINE.replace(':stateMachine:', ':execution:')}:${name}`;
  return {
    description: { executionArn, stateMachineArn: GENERATED_STATE_MACHINE, name, startDate: startMs },
    events: h.events,
    definition: { StartAt: Object.keys(states)[0] ?? 'Done', States: states },
  };
}

/** addBlock appends one block; an uncaught Map failure fails the execution there. */
function addBlock(h: HistoryBuilder, block: Block, i: number, prev: number, states: States): { last: number; failedExecution: boolean } {
  switch (block.kind) {
    case 'task': {
      states[`Task${i}`] = { Type: 'Task' };
      const exit = h.task(prev, `Task${i}`, block.failures, block.caught);
      if (!block.caught) return { last: exit, failedExecution: false };
      states[`Recover${i}`] = { Type: 'Pass' };
      return { last: h.simple(exit, 'Pass', `Recover${i}`), failedExecution: false };
    }
    case 'loop': {
      states[`CheckStatus${i}`] = { Type: 'Task' };
      states[`Pause${i}`] = { Type: 'Wait' };
      let last = prev;
      for (let n = 0; n < block.times; n += 1) last = h.simple(h.task(last, `CheckStatus${i}`), 'Wait', `Pause${i}`);
      return { last, failedExecution: false };
    }
    case 'map':
      return addMap(h, block, i, prev, states);
    case 'parallel':
      return { last: addParallel(h, block.branches, i, prev, states), failedExecution: false };
  }
}

function addMap(h: HistoryBuilder, block: Extract<Block, { kind: 'map' }>, i: number, prev: number, states: States): { last: number; failedExecution: boolean } {
  const name = `Fanout${i}`;
  states[name] = { Type: 'Map', ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', End: true } } } };
  const started = h.add('MapStateStarted', h.add('MapStateEntered', prev, { name }), { length: block.items });
  let tip = started;
  for (let index = 0; index < block.items; index += 1) {
    const iteration = h.add('MapIterationStarted', tip, { name, index });
    const entered = h.add('TaskStateEntered', iteration, { name: 'Work' });
    if (block.failing === index) {
      const failed = h.attempts(entered, 0, true, 'ItemFailed');
      h.add('MapIterationFailed', failed, { name, index });
      const mapFailed = h.add('MapStateFailed', failed);
      if (!block.caught) {
        h.add('ExecutionFailed', mapFailed, { error: 'ItemFailed', cause: `item ${index} failed` });
        return { last: mapFailed, failedExecution: true };
      }
      states[`Recover${i}`] = { Type: 'Pass' };
      return { last: h.simple(h.add('MapStateExited', mapFailed, { name }), 'Pass', `Recover${i}`), failedExecution: false };
    }
    tip = h.add('MapIterationSucceeded', h.add('TaskStateExited', h.attempts(entered, 0, false), { name: 'Work' }), { name, index });
  }
  h.add('MapStateSucceeded', tip);
  return { last: h.add('MapStateExited', tip, { name }), failedExecution: false };
}

function addParallel(h: HistoryBuilder, branches: number, i: number, prev: number, states: States): number {
  const name = `Checks${i}`;
  const starts = Array.from({ length: branches }, (_, k) => `Branch${i}x${k}`);
  states[name] = { Type: 'Parallel', Branches: starts.map((start) => ({ StartAt: start, States: { [start]: { Type: 'Task', End: true } } })) };
  const started = h.add('ParallelStateStarted', h.add('ParallelStateEntered', prev, { name }));
  let last = started;
  for (const start of starts) last = h.task(started, start);
  h.add('ParallelStateSucceeded', last);
  return h.add('ParallelStateExited', last, { name });
}

/** addEnd closes the execution: success, a failing last task (then maybe a redrive), a timeout or an abort. */
function addEnd(h: HistoryBuilder, end: Pipeline['end'], prev: number, states: States): void {
  if (end === 'succeed') {
    states['Done'] = { Type: 'Succeed' };
    h.add('ExecutionSucceeded', h.simple(prev, 'Succeed', 'Done'));
    return;
  }
  if (end === 'timeout' || end === 'abort') {
    states['Hold'] = { Type: 'Wait' };
    h.add('WaitStateEntered', prev, { name: 'Hold' });
    h.add(end === 'timeout' ? 'ExecutionTimedOut' : 'ExecutionAborted', 0, end === 'timeout' ? { error: 'States.Timeout' } : { error: 'Stopped' });
    return;
  }
  states['Finalize'] = { Type: 'Task' };
  states['Done'] = { Type: 'Succeed' };
  const failed = h.attempts(h.add('TaskStateEntered', prev, { name: 'Finalize' }), 0, true, 'FinalizeFailed');
  const executionFailed = h.add('ExecutionFailed', failed, { error: 'FinalizeFailed', cause: 'could not finalize' });
  if (end === 'fail') return;
  // Redrive (docs/step-functions-signals.md#redriven-history): the failed Task is not entered again; its attempt reruns and it exits.
  const redriven = h.add('ExecutionRedriven', executionFailed, { redriveCount: 1 });
  const rerun = h.attempts(redriven, 0, false);
  h.add('ExecutionSucceeded', h.simple(h.add('TaskStateExited', rerun, { name: 'Finalize' }), 'Succeed', 'Done'));
}
