/**
 * The claim lease must outlast the longest time between taking a claim (or renewing it) and
 * recording what came of it, or a second invocation may take the claim over while the first
 * one's oVirt add is still under way, find nothing, and add the object a second time:
 *
 * ```text
 * claim/renew ── add (≤ OVIRT_TIMEOUT_MS) ── lookup after a lost answer (a read: up to 3 attempts
 *                                            of ≤ OVIRT_TIMEOUT_MS, 0.1 s + 0.4 s apart) ── record
 * ```
 *
 * plus the clock-skew margin: a container whose clock runs ahead by s sees the lease lapse s
 * early. Lambda's clocks are kept by NTP; the margin covers far more than that.
 */
import { ConfigError } from '../errors.js';
import { READ_RETRY_DEFAULTS, retryDelayMs } from '../model/ovirt.js';

/** Attempts of one oVirt read: the client's first try and its retries. */
const READ_ATTEMPTS = READ_RETRY_DEFAULTS.retries + 1;
/** The client's waits between those attempts (100 ms, then 400 ms with the defaults). */
const READ_RETRY_WAITS_MS = Array.from({ length: READ_RETRY_DEFAULTS.retries }, (_, i) => retryDelayMs(i + 1, READ_RETRY_DEFAULTS)).reduce(
  (sum, ms) => sum + ms,
  0,
);

/** minimumLeaseMs is the shortest lease that covers one add and the lookup after it, plus the skew margin. */
export function minimumLeaseMs(ovirtTimeoutMs: number, maxClockSkewSeconds: number): number {
  return ovirtTimeoutMs + READ_ATTEMPTS * ovirtTimeoutMs + READ_RETRY_WAITS_MS + maxClockSkewSeconds * 1000;
}

/** assertLeaseCoversClaims throws a ConfigError naming both variables when LEASE_SECONDS is too short. */
export function assertLeaseCoversClaims(leaseSeconds: number, ovirtTimeoutMs: number, maxClockSkewSeconds: number): void {
  const minimum = minimumLeaseMs(ovirtTimeoutMs, maxClockSkewSeconds);
  if (leaseSeconds * 1000 >= minimum) return;
  throw new ConfigError(
    'LEASE_SECONDS',
    `${leaseSeconds} s is shorter than the longest claim: an oVirt add and the lookup after a lost answer ` +
      `(${READ_ATTEMPTS + 1} × OVIRT_TIMEOUT_MS ${ovirtTimeoutMs} ms + ${READ_RETRY_WAITS_MS} ms of retry waits) ` +
      `plus MAX_CLOCK_SKEW_SECONDS (${maxClockSkewSeconds} s). A shorter lease lets a second invocation add the same ` +
      `object while the first one's add is still under way. Set LEASE_SECONDS to at least ${Math.ceil(minimum / 1000)}, ` +
      'or lower OVIRT_TIMEOUT_MS.',
  );
}
