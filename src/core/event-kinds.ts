/**
 * Classification of history event types (docs/step-functions-signals.md#event-types). Unknown types classify as
 * 'unknown' so that new AWS event types never break the tree builder.
 */

/** EventKind is what the tree builder does with an event. */
export type EventKind =
  | 'executionStarted'
  | 'executionEnded'
  | 'executionRedriven'
  | 'stateEntered'
  | 'stateExited'
  | 'containerStarted'
  | 'containerEnded'
  | 'iterationStarted'
  | 'iterationEnded'
  | 'mapRun'
  | 'stateAborted'
  | 'task'
  | 'evaluationFailed'
  | 'unknown';

const EXACT: Readonly<Record<string, EventKind>> = {
  ExecutionStarted: 'executionStarted',
  ExecutionSucceeded: 'executionEnded',
  ExecutionFailed: 'executionEnded',
  ExecutionTimedOut: 'executionEnded',
  ExecutionAborted: 'executionEnded',
  ExecutionRedriven: 'executionRedriven',
  MapStateStarted: 'containerStarted',
  ParallelStateStarted: 'containerStarted',
  MapStateSucceeded: 'containerEnded',
  MapStateFailed: 'containerEnded',
  MapStateAborted: 'containerEnded',
  ParallelStateSucceeded: 'containerEnded',
  ParallelStateFailed: 'containerEnded',
  ParallelStateAborted: 'containerEnded',
  MapIterationStarted: 'iterationStarted',
  MapIterationSucceeded: 'iterationEnded',
  MapIterationFailed: 'iterationEnded',
  MapIterationAborted: 'iterationEnded',
  EvaluationFailed: 'evaluationFailed',
};

/** eventKind classifies an event type. */
export function eventKind(type: string): EventKind {
  const exact = EXACT[type];
  if (exact !== undefined) return exact;
  if (type.endsWith('StateEntered')) return 'stateEntered';
  if (type.endsWith('StateExited')) return 'stateExited';
  if (type.endsWith('StateAborted')) return 'stateAborted';
  if (type.startsWith('MapRun')) return 'mapRun';
  if (/^(Task|LambdaFunction|Activity)[A-Z]/.test(type)) return 'task';
  return 'unknown';
}

/** stateTypeOf extracts the state type from a `<Type>StateEntered|Exited` event type. */
export function stateTypeOf(type: string): string {
  return type.replace(/State(Entered|Exited)$/, '');
}

const SCHEDULED = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);

const TASK_FAILURES = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionStartFailed',
  'ActivityFailed',
  'ActivityTimedOut',
  'ActivityScheduleFailed',
]);

/** isScheduled tells whether a task event starts a new attempt. */
export const isScheduled = (type: string): boolean => SCHEDULED.has(type);

/** isTaskFailure tells whether a task event ends its attempt with a failure. */
export const isTaskFailure = (type: string): boolean => TASK_FAILURES.has(type);

/** isContainerState tells whether a state type owns iterations or branches. */
export const isContainerState = (stateType: string): boolean => stateType === 'Map' || stateType === 'Parallel';
