/**
 * Lambda entry point for CloudWatch Logs subscription deliveries of Step Functions execution
 * logs (logging level ALL). Configuration is read and validated once, at cold start.
 */
import { loadConfigFromProcess } from '../src/config/index.js';
import { makeOnExecutionLogsHandler } from '../src/entry/on-execution-logs.js';
import { createRuntime } from '../src/runtime/runtime.js';

export const handler = makeOnExecutionLogsHandler(createRuntime(loadConfigFromProcess()));
