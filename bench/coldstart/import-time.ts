/**
 * importTimes measures the cold start of a handler module the way Lambda's init phase pays
 * it: a fresh Node process (with the function's environment, as serverless.yml sets it) imports the
 * module once; the time of that import is taken, several times, and the median kept.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { median } from '../measure/percentile.js';

const run = promisify(execFile);

/** ImportTiming: every sample and their median, ms. */
export interface ImportTiming {
  readonly samples: readonly number[];
  readonly medianMs: number;
}

const PROBE = `
const started = performance.now();
await import(process.env.BENCH_IMPORT_URL);
process.stdout.write(String(performance.now() - started));
`;

/** importTime imports `modulePath` in `runs` fresh processes with `env` and returns the timings. */
export async function importTime(modulePath: string, env: Record<string, string>, runs = 7): Promise<ImportTiming> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE], {
      env: { ...env, BENCH_IMPORT_URL: pathToFileURL(modulePath).href },
      timeout: 60_000,
    });
    samples.push(Number(stdout));
  }
  return { samples, medianMs: median(samples) };
}
