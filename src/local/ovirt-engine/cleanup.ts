/**
 * Job cleanup (JobRepositoryCleanupManager, docs/ovirt-engine-behaviour.md#cleanup): a pass deletes a job, and its steps by
 * cascade, only when it is auto-cleared AND ended long enough ago for its status. Started
 * jobs and jobs with auto_cleared=false are never deleted.
 *
 *   end_time ──────── succeededMinutes ────────► eligible if 'finished'
 *   end_time ──────── failedMinutes ───────────► eligible if 'failed' | 'aborted' | 'unknown'
 *   passes run every rateMinutes (first one a full interval after start, fixed delay)
 */
import type { EngineStore } from './store.js';

/** CleanupSettings are the three engine-config values, in minutes. */
export interface CleanupSettings {
  succeededMinutes: number;
  failedMinutes: number;
  rateMinutes: number;
}

/** DEFAULT_CLEANUP holds the engine defaults. */
export const DEFAULT_CLEANUP: CleanupSettings = { succeededMinutes: 10, failedMinutes: 60, rateMinutes: 10 };

/** runCleanup deletes every eligible job at `now` and returns how many it deleted. */
export function runCleanup(store: EngineStore, settings: CleanupSettings, now: number): number {
  let deleted = 0;
  for (const job of store.jobs()) {
    if (!job.autoCleared || job.status === 'started' || job.endTime === undefined) continue;
    const minutes = job.status === 'finished' ? settings.succeededMinutes : settings.failedMinutes;
    if (now - job.endTime >= minutes * 60_000) {
      store.deleteJob(job.id);
      deleted += 1;
    }
  }
  if (deleted > 0) store.changed();
  return deleted;
}

/** CleanupScheduler runs `runCleanup` every rateMinutes on an unref'd timer. */
export class CleanupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly pass: () => void;
  private readonly intervalMs: number;

  constructor(pass: () => void, rateMinutes: number) {
    this.pass = pass;
    this.intervalMs = Math.max(1, Math.round(rateMinutes * 60_000));
  }

  /** start (re)starts the schedule; the first pass comes one interval from now. */
  start(): void {
    this.stop();
    const tick = (): void => {
      this.pass();
      this.timer = setTimeout(tick, this.intervalMs);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
