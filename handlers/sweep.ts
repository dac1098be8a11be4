/**
 * Lambda entry point for the scheduled sweep of open executions.
 * Configuration is read and validated once, at cold start.
 */
import { loadConfigFromProcess } from '../src/config/index.js';
import { makeSweepHandler } from '../src/entry/sweep.js';
import { createRuntime } from '../src/runtime/runtime.js';

export const handler = makeSweepHandler(createRuntime(loadConfigFromProcess()));
