/**
 * acquirePushLease: how the push path takes an execution's lease. Step Functions writes one
 * execution's records into two log streams that CloudWatch Logs delivers separately, usually
 * within a second of each other, so two deliveries of one execution often run at once. The
 * second one would find the lease held, count a request and give its records up: the holder
 * would then go round again and read history (budgeted) for records that were right there.
 * Instead it tries the lease without counting a request (tryAcquireLease) and, while another
 * invocation holds it, waits a little (~1.5 s in all; a push round takes a fraction of that),
 * then applies its records with the ones the holder left held on the row. Still held after the
 * wait: acquireLease counts the request as before, and the holder goes round again.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { ExecutionMeta } from '../ports.js';
import type { ReconcileDeps } from './deps.js';

/** Pauses between tries of a lease another delivery holds. */
const LEASE_WAITS_MS = [100, 200, 400, 800] as const;

/** acquirePushLease takes the lease after waiting briefly for another holder; null as acquireLease. */
export async function acquirePushLease(executionArn: string, owner: string, deps: ReconcileDeps, signal?: AbortSignal): Promise<ExecutionMeta | null> {
  return (await waitForLease(executionArn, owner, deps, signal)) ?? deps.store.acquireLease(executionArn, owner, deps.now(), deps.leaseMs, signal);
}

/**
 * waitForLease tries the lease of `key` without counting a request, waiting a little between
 * tries while another invocation holds it; null when it is still held after the last wait.
 * Deliveries of log records use it (Standard above, Express in express/sync-express.ts).
 */
export async function waitForLease(key: string, owner: string, deps: ReconcileDeps, signal?: AbortSignal): Promise<ExecutionMeta | null> {
  const sleep = deps.pushed?.sleep ?? ((ms: number, s?: AbortSignal) => sleepFor(ms, undefined, { signal: s }));
  for (const wait of [0, ...LEASE_WAITS_MS]) {
    if (wait > 0) await sleep(wait, signal);
    const meta = await deps.store.tryAcquireLease(key, owner, deps.now(), deps.leaseMs, signal);
    if (meta !== null) return meta;
  }
  return null;
}
