/**
 * Reading the stand-ins' counters: oVirt requests split into writes by kind, reads and SSO
 * logins; Step Functions calls and history pages; DynamoDB requests by operation.
 */
import type { CallCounts } from '../parts/bench-parts.js';
import type { WriteCounts } from './minimum.js';
import { emptyWrites } from './minimum.js';

/** OvirtCalls splits the engine's request counts. */
export interface OvirtCalls {
  readonly writes: WriteCounts;
  readonly reads: number;
  readonly logins: number;
  readonly total: number;
}

const WRITE_ROUTES: Readonly<Record<string, keyof WriteCounts>> = {
  'POST /jobs': 'jobCreates',
  'POST /jobs/{id}/steps': 'stepCreates',
  'POST /jobs/{id}/steps/{id}/end': 'stepEnds',
  'POST /jobs/{id}/end': 'jobEnds',
};

/** ovirtCalls classifies the engine's requests by route. */
export function ovirtCalls(counts: CallCounts): OvirtCalls {
  const writes = emptyWrites();
  let reads = 0;
  let logins = 0;
  for (const [route, n] of Object.entries(counts.ovirt.byRoute)) {
    const kind = WRITE_ROUTES[route];
    if (kind !== undefined) writes[kind] += n;
    else if (route.startsWith('GET ')) reads += n;
    else if (route.includes('/sso/')) logins += n;
  }
  return { writes, reads, logins, total: counts.ovirt.total };
}

/** SfnCalls: calls by operation, their total, and history pages served. */
export interface SfnCalls {
  readonly byOperation: Record<string, number>;
  readonly total: number;
  readonly pages: number;
}

/** sfnCalls reads the stub's counts. */
export function sfnCalls(counts: CallCounts): SfnCalls {
  const total = Object.values(counts.sfn.calls).reduce((sum, n) => sum + n, 0);
  return { byOperation: counts.sfn.calls, total, pages: counts.sfn.pages };
}

/** DynamoCalls: requests by operation and their total. */
export interface DynamoCalls {
  readonly byOperation: Record<string, number>;
  readonly total: number;
}

/** dynamoCalls reads the proxy's counts. */
export function dynamoCalls(counts: CallCounts): DynamoCalls {
  return { byOperation: counts.dynamo, total: Object.values(counts.dynamo).reduce((sum, n) => sum + n, 0) };
}
