/**
 * startSweeper invokes the sweep function every few seconds through serverless offline's
 * invoke endpoint, standing in for the deployed EventBridge schedule at a demo-friendly rate.
 * Runs never overlap (the deployed function has a reserved concurrency of 1): the next one is
 * timed from the end of the previous one.
 */
import { randomUUID } from 'node:crypto';
import type { LambdaInvoker } from './lambda-invoker.js';

/** Sweeper counts finished runs; stop() waits for a run in progress. */
export interface Sweeper {
  runs(): number;
  stop(): Promise<void>;
}

/** SweeperOptions: what to invoke and how often. */
export interface SweeperOptions {
  readonly invoker: LambdaInvoker;
  readonly functionName: string;
  readonly intervalMs: number;
  readonly region: string;
  /** Called with a readable line when a run fails (repeated failures are reported once). */
  readonly warn: (message: string) => void;
}

/** scheduledEvent is the payload EventBridge Scheduler sends a scheduled Lambda. */
export function scheduledEvent(region: string, now = new Date()): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    region,
    resources: [],
    detail: {},
  };
}

/** startSweeper starts the loop; the first sweep runs one interval from now. */
export function startSweeper(options: SweeperOptions): Sweeper {
  const stopping = new AbortController();
  let runs = 0;
  let lastWarning = '';
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const runOnce = async (): Promise<void> => {
    try {
      await options.invoker.invoke(options.functionName, scheduledEvent(options.region), 'RequestResponse', stopping.signal);
      runs += 1;
      lastWarning = '';
    } catch (error) {
      const message = `Sweep failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!stopping.signal.aborted && message !== lastWarning) options.warn(message);
      lastWarning = message;
    }
  };
  const schedule = (): void => {
    timer = setTimeout(() => {
      current = runOnce().finally(() => {
        if (!stopping.signal.aborted) schedule();
      });
    }, options.intervalMs);
  };
  schedule();
  return {
    runs: () => runs,
    stop: async () => {
      stopping.abort();
      clearTimeout(timer);
      await current;
    },
  };
}
