/**
 * Execution shapes the scenarios play: a linear pipeline, a polling loop with retries and an
 * inline Map with concurrent iterations. Each returns a whole, succeeded recording; scenarios
 * decide how much of it the Step Functions stub reveals and when.
 */
import type { SfnRecording } from '../../src/local/sfn-stub/index.js';
import type { HistoryWriter } from '../../src/local/demo-pipelines/history-writer.js';
import type { ExecutionNaming, Thread } from './history-writer.js';
import { add, benchWriter, recording, visit } from './history-writer.js';
import { interleaveIterations } from './map-iterations.js';
import type { MapShape } from './map-iterations.js';

const LAMBDA_TASK = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' };

function start(writer: HistoryWriter): Thread {
  const thread: Thread = { last: 0 };
  add(writer, thread, 'ExecutionStarted', { input: '{}' });
  // The first top-level state points at 0, not at ExecutionStarted, as AWS records it.
  thread.last = 0;
  return thread;
}

const succeed = (writer: HistoryWriter, thread: Thread): void =>
  void add(writer, thread, 'ExecutionSucceeded', { output: '{}' });

/** linearPipeline: `states` Lambda Tasks one after the other (5 events each). */
export function linearPipeline(naming: ExecutionNaming, states: number): SfnRecording {
  const writer = benchWriter();
  const thread = start(writer);
  const names = Array.from({ length: states }, (_, i) => `Stage${String(i + 1).padStart(2, '0')}`);
  for (const name of names) visit(writer, thread, 'Task', name);
  succeed(writer, thread);
  const states_ = Object.fromEntries(names.map((name, i) => [name, { ...LAMBDA_TASK, ...(i + 1 < names.length ? { Next: names[i + 1] } : { End: true }) }]));
  return recording(writer, naming, { StartAt: names[0], States: states_ });
}

/**
 * loopingPipeline: `Prepare`, then `CheckStatus` (Task) → `IsDone` (Choice) → `WaitBeforeRetry`
 * (Wait) until `visits` state visits in all, then `Publish`. Every 25th CheckStatus fails once
 * and is retried, so the job also carries "attempt failed" notes.
 */
export function loopingPipeline(naming: ExecutionNaming, visits: number): SfnRecording {
  const writer = benchWriter();
  const thread = start(writer);
  visit(writer, thread, 'Task', 'Prepare');
  const loops = Math.max(1, Math.floor((visits - 2) / 3));
  for (let loop = 1; loop <= loops; loop += 1) {
    visit(writer, thread, 'Task', 'CheckStatus', loop % 25 === 0 ? 1 : 0);
    visit(writer, thread, 'Choice', 'IsDone');
    if (loop < loops) visit(writer, thread, 'Wait', 'WaitBeforeRetry');
  }
  // Prepare + loops (the last one without its Wait) + Publish; Pass states make up the rest.
  for (let used = 3 * loops + 1, n = 1; used < visits; used += 1, n += 1) visit(writer, thread, 'Pass', `Record${n}`);
  visit(writer, thread, 'Task', 'Publish');
  succeed(writer, thread);
  return recording(writer, naming, {
    StartAt: 'Prepare',
    States: {
      Prepare: { ...LAMBDA_TASK, Next: 'CheckStatus' },
      CheckStatus: { ...LAMBDA_TASK, Retry: [{ ErrorEquals: ['Lambda.ServiceException'] }], Next: 'IsDone' },
      IsDone: { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Publish' }], Default: 'WaitBeforeRetry' },
      WaitBeforeRetry: { Type: 'Wait', Seconds: 30, Next: 'CheckStatus' },
      Publish: { ...LAMBDA_TASK, End: true },
    },
  });
}

/** mapPipeline: `ListItems` (Pass), an inline Map `ProcessItems` over the items, then `Report` (Task). */
export function mapPipeline(naming: ExecutionNaming, shape: MapShape): SfnRecording {
  const writer = benchWriter(10);
  const thread = start(writer);
  visit(writer, thread, 'Pass', 'ListItems');
  add(writer, thread, 'MapStateEntered', { name: 'ProcessItems' });
  const started = add(writer, thread, 'MapStateStarted', { length: shape.iterations });
  const lastEnd = interleaveIterations(writer, started, 'ProcessItems', shape);
  writer.append('MapStateSucceeded', lastEnd);
  thread.last = writer.append('MapStateExited', lastEnd, { name: 'ProcessItems' });
  visit(writer, thread, 'Task', 'Report');
  succeed(writer, thread);
  const innerState = shape.inner === 'task' ? { ...LAMBDA_TASK, End: true } : { Type: 'Pass', End: true };
  return recording(writer, naming, {
    StartAt: 'ListItems',
    States: {
      ListItems: { Type: 'Pass', Next: 'ProcessItems' },
      ProcessItems: {
        Type: 'Map',
        MaxConcurrency: shape.concurrency,
        ItemProcessor: { StartAt: 'ProcessItem', States: { ProcessItem: innerState } },
        Next: 'Report',
      },
      Report: { ...LAMBDA_TASK, End: true },
    },
  });
}
