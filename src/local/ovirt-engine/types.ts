/**
 * Public types of the oVirt engine simulator: its options, the handle `startOvirtEngine`
 * returns, fault injection rules and the read-only state views tests use. Other parts of the
 * project build against these exact shapes, so they change only with care.
 */
import type { OvirtJob, OvirtStep } from '../../model/ovirt.js';

/** SimUser is one account the simulator's SSO accepts, named `<user>@<profile>`. */
export interface SimUser {
  /** Login name including the profile, e.g. `admin@internal`. */
  name: string;
  password: string;
  /** Holds INJECT_EXTERNAL_TASKS (may add/end jobs and steps). @default true */
  canInjectExternalTasks?: boolean;
  /** Administrator (may list jobs and read steps; `Filter` defaults to false). @default true */
  admin?: boolean;
}

/** SimClock is the time source of every time-driven behaviour (cleanup, idle tokens, dates). */
export interface SimClock {
  now(): number;
}

/** OvirtEngineOptions configures `startOvirtEngine`; every field is optional. */
export interface OvirtEngineOptions {
  /** Listening port. @default 0 (ephemeral) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Serve HTTPS with a freshly generated CA and server certificate. @default false */
  tls?: boolean;
  /** @default [{ name: 'admin@internal', password: 'ovirt-sim-password' }] */
  users?: SimUser[];
  /** Minutes a token's engine session may stay idle before the token is revoked. @default 30 */
  sessionIdleMinutes?: number;
  /** Cleanup thresholds and interval in minutes (fractions allowed). @default 10 / 60 / 10 */
  cleanup?: { succeededMinutes?: number; failedMinutes?: number; rateMinutes?: number };
  /** @default Date.now */
  clock?: SimClock;
  /** Seed a few engine-internal jobs (external=false). @default true */
  internalJobs?: boolean;
  /** UTC offset of the engine's local time zone, used for XML dates. @default 0 (rendered 'Z') */
  timeZoneOffsetMinutes?: number;
  /** JSON file to load at start and save on every change. */
  stateFile?: string;
  /** Seed of the PRNG behind probabilistic faults. @default 1 */
  seed?: number;
}

/**
 * FaultKind names one kind of injected failure. The `*-200` kinds are hostile successes: a
 * 200 with an SSO login page (nothing applied), a 200 with a `{}` body (applied, the document
 * lost on the way) and a 200 action whose status is failed (nothing applied).
 */
export type FaultKind =
  | 'latency'
  | 'http-500'
  | 'http-503'
  | 'reset-before-apply'
  | 'reset-after-apply'
  | 'login-page-200'
  | 'empty-200'
  | 'action-failed-200';

/** FaultRule describes which API/SSO requests get which failure. */
export interface FaultRule {
  kind: FaultKind;
  /** Route keys look like 'POST /jobs' or 'POST /jobs/{id}/steps' (ids always `{id}`). */
  match?: { method?: string; route?: string };
  /** Chance (0..1) that a matching request is hit. @default 1 */
  probability?: number;
  /** Hit the next N matching requests, then drop the rule. @default unlimited */
  times?: number;
  /** Delay for 'latency'. @default 1000 */
  latencyMs?: number;
}

/** SimFaults adds and clears fault rules and counts what was injected. */
export interface SimFaults {
  add(rule: FaultRule): void;
  clear(): void;
  injected(): Record<FaultKind, number>;
}

/** SimStats counts API and SSO requests (admin and page requests are not counted). */
export interface SimStats {
  total: number;
  byMethod: Record<string, number>;
  /** Keyed like 'POST /jobs' or 'GET /jobs/{id}/steps'. */
  byRoute: Record<string, number>;
  /** Keyed by HTTP status ('201'), or 'reset' when the socket was destroyed. */
  byStatus: Record<string, number>;
}

/** SimJobView is a job as the engine stores it, including the (never rendered) correlation id. */
export interface SimJobView extends OvirtJob {
  readonly correlationId: string;
}

/** SimStepView is a step as the engine stores it. */
export interface SimStepView extends OvirtStep {
  readonly correlationId: string;
}

/** SimStateView reads snapshots of the engine's state (copies; changing them changes nothing). */
export interface SimStateView {
  /** jobs lists every job, internal ones included, oldest first. */
  jobs(): SimJobView[];
  /** steps lists the steps of a job (sub-steps included); empty for an unknown job. */
  steps(jobId: string): SimStepView[];
  job(id: string): SimJobView | undefined;
  findByCorrelationId(correlationId: string): SimJobView[];
}

/** OvirtEngineSimulator is a running simulator. */
export interface OvirtEngineSimulator {
  /** Base URL without trailing slash, e.g. 'https://127.0.0.1:41234'. */
  readonly url: string;
  /** url + '/ovirt-engine/api'. */
  readonly apiUrl: string;
  /** With tls: the CA certificate (PEM) that signed the server certificate. */
  readonly caPem?: string;
  /** With tls: a temporary file holding caPem (removed by stop()). */
  readonly caFile?: string;
  readonly state: SimStateView;
  readonly faults: SimFaults;
  readonly stats: () => SimStats;
  resetStats(): void;
  /** runCleanupNow runs one cleanup pass at clock.now(). */
  runCleanupNow(): void;
  /** restart applies engine-restart semantics: started jobs/steps become unknown, tokens and sessions are dropped. */
  restart(): void;
  revokeAllTokens(): void;
  stop(): Promise<void>;
}
