/**
 * startTreeMonitor polls the task monitor's tree (through the REST API) and hands every
 * reading to the view; it remembers the latest reading for the verdict and when the first
 * job appeared (the "first job visible" figure of the run).
 */
import type { OvirtJob } from '../../model/ovirt.js';
import type { OvirtClient } from '../../adapters/ovirt/index.js';
import { readOvirtTree } from './tree-reader.js';
import type { ObservedJob } from './tree-model.js';

/** TreeMonitor exposes the latest reading. */
export interface TreeMonitor {
  latest(): readonly ObservedJob[];
  /** Epoch ms of the first reading that showed a job; undefined until then. */
  firstJobAt(): number | undefined;
  /** next resolves after the next successful reading. */
  next(): Promise<readonly ObservedJob[]>;
  stop(): Promise<void>;
}

/** TreeMonitorOptions: what to read, how often, and where readings and problems go. */
export interface TreeMonitorOptions {
  readonly client: Pick<OvirtClient, 'listJobs' | 'listSteps'>;
  readonly include: (job: OvirtJob) => boolean;
  readonly intervalMs: number;
  readonly onReading: (jobs: readonly ObservedJob[]) => void;
  /** Called once per distinct reading problem. */
  readonly warn: (message: string) => void;
}

/** startTreeMonitor starts polling at once. */
export function startTreeMonitor(options: TreeMonitorOptions): TreeMonitor {
  const stopping = new AbortController();
  let latest: readonly ObservedJob[] = [];
  let firstJobAt: number | undefined;
  let lastProblem = '';
  let waiters: Array<(jobs: readonly ObservedJob[]) => void> = [];
  let timer: NodeJS.Timeout | undefined;
  const poll = async (): Promise<void> => {
    try {
      latest = await readOvirtTree(options.client, options.include, stopping.signal);
      if (firstJobAt === undefined && latest.length > 0) firstJobAt = Date.now();
      lastProblem = '';
      options.onReading(latest);
      const ready = waiters;
      waiters = [];
      ready.forEach((resolve) => resolve(latest));
    } catch (error) {
      const message = `Reading the task monitor failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!stopping.signal.aborted && message !== lastProblem) options.warn(message);
      lastProblem = message;
    }
  };
  let current = poll();
  const loop = (): void => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => {
      current = poll().finally(loop);
    }, options.intervalMs);
  };
  void current.finally(loop);
  return {
    latest: () => latest,
    firstJobAt: () => firstJobAt,
    next: () => new Promise((resolve) => waiters.push(resolve)),
    stop: async () => {
      stopping.abort();
      clearTimeout(timer);
      await current.catch(() => undefined);
    },
  };
}
