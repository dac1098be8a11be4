/**
 * oVirt job and step as our code uses them: decoded from the engine's wire types (JSON
 * strings for booleans/integers, epoch-ms dates) into proper TypeScript values.
 */

/** OvirtStatus is a job or step status as the engine reports it (lower case). */
export type OvirtStatus = 'started' | 'finished' | 'failed' | 'aborted' | 'unknown';

/** StepType is the engine's `StepEnum`; external steps use the first three. */
export type StepType = 'validating' | 'executing' | 'finalizing' | 'rebalancing_volume' | 'removing_bricks' | 'unknown';

/**
 * RESPONSE_CAP_LIMITS: the range a cap on one engine answer may be set to (maxResponseBytes,
 * OVIRT_MAX_RESPONSE_BYTES). Below 1 KiB not even one job fits; past 256 MiB one answer could
 * exhaust a 512 MB function.
 */
export const RESPONSE_CAP_LIMITS = Object.freeze({ min: 1_024, max: 256 * 1024 * 1024 });

/** OvirtJob is one engine job. Dates are epoch milliseconds. */
export interface OvirtJob {
  readonly id: string;
  readonly description: string;
  readonly status: OvirtStatus;
  readonly autoCleared: boolean;
  readonly external: boolean;
  readonly startTime?: number | undefined;
  readonly endTime?: number | undefined;
  readonly lastUpdated?: number | undefined;
  readonly ownerId?: string | undefined;
}

/** OvirtStep is one engine step; `parentStepId` is set on sub-steps. Dates are epoch milliseconds. */
export interface OvirtStep {
  readonly id: string;
  readonly jobId: string;
  readonly parentStepId?: string | undefined;
  readonly description: string;
  readonly type: StepType;
  readonly number: number;
  readonly status: OvirtStatus;
  readonly external: boolean;
  readonly startTime?: number | undefined;
  readonly endTime?: number | undefined;
  readonly progress?: number | undefined;
}

/** AddJobInput is what `POST /jobs` takes from us. `correlationId` travels as the Correlation-Id header. */
export interface AddJobInput {
  readonly description: string;
  readonly autoCleared: boolean;
  readonly correlationId?: string | undefined;
}

/** AddStepInput is what `POST /jobs/{id}/steps` takes from us. */
export interface AddStepInput {
  readonly description: string;
  readonly type: StepType;
  readonly parentStepId?: string | undefined;
}

/**
 * READ_RETRY_DEFAULTS: how the oVirt client retries an idempotent call unless told otherwise —
 * up to `retries` more attempts, waiting `baseDelayMs` × 4^(n−1), at most `maxDelayMs`, before
 * the n-th. The lease check (config/lease-settings) sizes the longest claim from the same values.
 */
export const READ_RETRY_DEFAULTS = Object.freeze({ retries: 2, baseDelayMs: 100, maxDelayMs: 400 });

/** retryDelayMs is the wait before the `retry`-th retry (1-based) under `policy`. */
export function retryDelayMs(retry: number, policy: { readonly baseDelayMs: number; readonly maxDelayMs: number }): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 4 ** Math.max(0, retry - 1));
}
