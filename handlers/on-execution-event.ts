/**
 * Lambda entry point for EventBridge "Step Functions Execution Status Change" events.
 * Configuration is read and validated once, at cold start.
 */
import { loadConfigFromProcess } from '../src/config/index.js';
import { makeOnExecutionEventHandler } from '../src/entry/on-execution-event.js';
import { createRuntime } from '../src/runtime/runtime.js';

export const handler = makeOnExecutionEventHandler(createRuntime(loadConfigFromProcess()));
