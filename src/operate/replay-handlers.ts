/**
 * replayHandlers builds, on one runtime, the handlers a dead letter can be replayed through:
 * the very middy handlers Lambda runs (validation, allow-list, password middleware, reconcile),
 * keyed by the serverless.yml function each dead letter was meant for.
 */
import type { Context } from 'aws-lambda';
import { makeOnExecutionEventHandler } from '../entry/on-execution-event.js';
import { makeOnExecutionLogsHandler } from '../entry/on-execution-logs.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ReplayTarget } from './dead-letter.js';

/** ReplayHandler runs one event; it throws when the event fails, as the Lambda handler does. */
export type ReplayHandler = (event: unknown, context: Context) => Promise<unknown>;

/** ReplayHandlers: a function without a handler here cannot be replayed by this build. */
export type ReplayHandlers = Partial<Record<ReplayTarget, ReplayHandler>>;

/** replayHandlers returns the handlers of every function that sends its failures to the dead-letter queue. */
export function replayHandlers(runtime: Runtime): ReplayHandlers {
  return {
    onExecutionEvent: makeOnExecutionEventHandler(runtime),
    onExecutionLogs: makeOnExecutionLogsHandler(runtime),
  };
}
