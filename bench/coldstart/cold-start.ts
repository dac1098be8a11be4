/**
 * measureColdStart weighs each function's zip and times the import of its bundled handler in
 * fresh processes (median of several), with the environment the function gets in this run.
 */
import type { Packaged } from './package-functions.js';
import { importTime } from './import-time.js';

/** FunctionColdStart is one function's deployable size and module import time. */
export interface FunctionColdStart {
  readonly name: string;
  readonly zipBytes: number;
  readonly moduleBytes: number;
  readonly importMs: number;
  readonly importSamples: readonly number[];
}

/** measureColdStart measures every packaged function. */
export async function measureColdStart(packaged: Packaged, env: Record<string, string>, runs = 7): Promise<FunctionColdStart[]> {
  const results: FunctionColdStart[] = [];
  for (const fn of packaged.functions) {
    const timing = await importTime(fn.modulePath, env, runs);
    results.push({ name: fn.name, zipBytes: fn.zipBytes, moduleBytes: fn.moduleBytes, importMs: timing.medianMs, importSamples: timing.samples });
  }
  return results;
}
