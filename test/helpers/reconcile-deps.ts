/**
 * reconcileDeps builds the ReconcileDeps the reconcile and sweep unit tests run on: the ports
 * they pass, the default mapping, silent telemetry, fresh lease owners (owner-1, owner-2, …)
 * and the lease, requeue and retention values those tests assume; anything else overridden.
 */
import { DEFAULT_MAPPING } from '../../src/model/mapping.js';
import { noCounters, silentLog } from '../../src/model/telemetry.js';
import type { ReconcileDeps } from '../../src/reconcile/deps.js';

export function reconcileDeps(parts: Pick<ReconcileDeps, 'history' | 'store' | 'ovirt' | 'now'> & Partial<ReconcileDeps>): ReconcileDeps {
  let owners = 0;
  return {
    mapping: DEFAULT_MAPPING,
    log: silentLog,
    counters: noCounters,
    newOwner: () => `owner-${(owners += 1)}`,
    leaseMs: 60_000,
    requeueSeconds: 30,
    retentionDays: 30,
    dryRun: false,
    ...parts,
  };
}
