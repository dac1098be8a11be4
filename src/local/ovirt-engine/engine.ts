/**
 * Engine is the simulated engine's state and housekeeping in one place: the job database,
 * users, SSO tokens, API sessions, clock, cleanup schedule, restart semantics and the
 * optional state file. The HTTP layer (server.ts) and the programmatic API (index.ts) both
 * drive it.
 */
import { CleanupScheduler, DEFAULT_CLEANUP, runCleanup } from './cleanup.js';
import type { CleanupSettings } from './cleanup.js';
import { loadState, saveState } from './persistence.js';
import { markStartedUnknown } from './restart.js';
import { seedInternalJobs } from './seed.js';
import { SessionStore } from './sessions.js';
import { EngineStore } from './store.js';
import { TokenStore } from './tokens.js';
import type { OvirtEngineOptions, SimClock } from './types.js';
import { UserDirectory } from './users.js';

/** Engine holds everything that survives between requests. */
export class Engine {
  readonly store = new EngineStore();
  readonly users: UserDirectory;
  readonly tokens: TokenStore;
  readonly sessions: SessionStore;
  readonly clock: SimClock;
  readonly offsetMinutes: number;
  readonly cleanupSettings: CleanupSettings;
  private readonly scheduler: CleanupScheduler;
  private readonly stateFile: string | undefined;

  constructor(options: OvirtEngineOptions) {
    this.users = new UserDirectory(options.users ?? []);
    this.tokens = new TokenStore(options.sessionIdleMinutes ?? 30);
    this.sessions = new SessionStore(options.sessionIdleMinutes ?? 30, this.tokens);
    this.clock = options.clock ?? { now: () => Date.now() };
    this.offsetMinutes = options.timeZoneOffsetMinutes ?? 0;
    this.cleanupSettings = { ...DEFAULT_CLEANUP, ...definedOnly(options.cleanup ?? {}) };
    this.scheduler = new CleanupScheduler(() => this.runCleanupNow(), this.cleanupSettings.rateMinutes);
    this.stateFile = options.stateFile;
    this.boot(options.internalJobs ?? true);
  }

  /** now reads the injected clock. */
  now(): number {
    return this.clock.now();
  }

  /** runCleanupNow runs one cleanup pass and returns how many jobs it deleted. */
  runCleanupNow(): number {
    return runCleanup(this.store, this.cleanupSettings, this.now());
  }

  /**
   * restart applies an engine restart: started jobs and steps become unknown, and SSO tokens
   * and sessions are lost (the SSO runs in the same service and keeps tokens in memory), so
   * clients must log in again. The cleanup schedule starts over.
   */
  restart(): void {
    markStartedUnknown(this.store, this.now());
    this.tokens.revokeAll();
    this.sessions.clear();
    this.scheduler.start();
  }

  /** stop ends the cleanup timer. */
  stop(): void {
    this.scheduler.stop();
  }

  /** @internal Loads the state file (a start after a stop is a restart) or seeds internal jobs. */
  private boot(internalJobs: boolean): void {
    const stateFile = this.stateFile;
    const loaded = stateFile !== undefined && loadState(stateFile, this.store);
    if (loaded) markStartedUnknown(this.store, this.now());
    else if (internalJobs) seedInternalJobs(this.store, this.now(), this.users.first().id);
    if (stateFile !== undefined) {
      this.store.onChange(() => saveState(stateFile, this.store));
      saveState(stateFile, this.store);
    }
    this.scheduler.start();
  }
}

/** @internal Drops undefined values so they do not override defaults. */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
