/**
 * Entry point of one forked chaos worker (see run-chaos.ts): reads its options from argv,
 * runs them, and sends progress and the final report to the parent over IPC.
 */
import { runChaosWorker } from '../helpers/chaos/chaos-worker.js';
import type { WorkerOptions } from '../helpers/chaos/chaos-worker.js';

const options = JSON.parse(process.argv[2] ?? '{}') as WorkerOptions;
const send = (message: unknown): void => void process.send?.(message);
const report = await runChaosWorker({
  ...options,
  onProgress: (done, figures) => {
    if (done % 50 === 0) send({ kind: 'progress', seed: options.seed, done, figures });
  },
});
send({ kind: 'report', report });
process.disconnect?.();
