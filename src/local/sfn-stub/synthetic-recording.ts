/**
 * syntheticRecording builds a long history for load tests and benchmarks: a polling loop
 * (Task `CheckStatus` → Wait `WaitBeforeRetry` → back), the shape that drives real executions
 * towards the 25,000-event limit (docs/step-functions-signals.md#limits).
 */
import type { SdkHistoryEvent, SfnRecording } from './types.js';

/** SyntheticOptions: how many events (ids 1..events), names, start time and whether the last event ends the execution. */
export interface SyntheticOptions {
  readonly events: number;
  readonly stateMachineName?: string | undefined;
  readonly executionName?: string | undefined;
  readonly region?: string | undefined;
  readonly account?: string | undefined;
  /** Epoch ms of ExecutionStarted; each later event is 100 ms after the previous one. */
  readonly startDate?: number | undefined;
  /** When true (default) the last event is ExecutionSucceeded. */
  readonly terminal?: boolean | undefined;
}

const LOOP: readonly { readonly type: string; readonly [details: string]: unknown }[] = [
  { type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'CheckStatus', input: '{"poll":true}' } },
  { type: 'TaskScheduled', taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'eu-west-1', parameters: '{}' } },
  { type: 'TaskStarted', taskStartedEventDetails: { resourceType: 'lambda', resource: 'invoke' } },
  { type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: '{"done":false}' } },
  { type: 'TaskStateExited', stateExitedEventDetails: { name: 'CheckStatus', output: '{"done":false}' } },
  { type: 'WaitStateEntered', stateEnteredEventDetails: { name: 'WaitBeforeRetry', input: '{"done":false}' } },
  { type: 'WaitStateExited', stateExitedEventDetails: { name: 'WaitBeforeRetry', output: '{"done":false}' } },
];

const SUCCEEDED = { type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{"done":true}' } };

/**
 * syntheticRecording returns a recording with exactly `options.events` events (at least 2).
 *
 * @example
 * stub.addExecution(syntheticRecording({ events: 25_000 }));
 */
export function syntheticRecording(options: SyntheticOptions): SfnRecording {
  if (!Number.isInteger(options.events) || options.events < 2) {
    throw new Error(`syntheticRecording needs at least 2 events, not ${String(options.events)}.`);
  }
  const region = options.region ?? 'eu-west-1';
  const account = options.account ?? '123456789012';
  const machine = options.stateMachineName ?? 'polling-loop';
  const name = options.executionName ?? `synthetic-${options.events}`;
  const startDate = options.startDate ?? Date.UTC(2025, 2, 14, 8, 0, 0);
  const terminal = options.terminal ?? true;
  const events: SdkHistoryEvent[] = [
    { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: startDate, executionStartedEventDetails: { input: '{}' } },
  ];
  for (let id = 2; id <= options.events; id++) {
    const last = terminal && id === options.events;
    const shape = last ? SUCCEEDED : (LOOP[(id - 2) % LOOP.length] ?? SUCCEEDED);
    events.push({ ...shape, id, previousEventId: id === 2 ? 0 : id - 1, timestamp: startDate + (id - 1) * 100 });
  }
  return {
    description: {
      executionArn: `arn:aws:states:${region}:${account}:execution:${machine}:${name}`,
      stateMachineArn: `arn:aws:states:${region}:${account}:stateMachine:${machine}`,
      name,
      startDate,
    },
    events,
    definition: {
      StartAt: 'CheckStatus',
      States: {
        CheckStatus: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'WaitBeforeRetry' },
        WaitBeforeRetry: { Type: 'Wait', Seconds: 30, Next: 'CheckStatus' },
      },
    },
  };
}
