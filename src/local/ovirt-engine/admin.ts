/**
 * Simulator administration over HTTP, under `/__sim` and never under `/ovirt-engine`: state
 * for the monitor page, request stats, fault rules, restart, token revocation and cleanup.
 * Unauthenticated (the simulator is a local tool) and never subject to fault injection.
 */
import { z } from 'zod';
import type { Engine } from './engine.js';
import { FAULT_KINDS } from './faults.js';
import type { FaultInjector } from './faults.js';
import { emptyResponse, jsonResponse } from './http-io.js';
import type { SimResponse } from './http-io.js';
import { pageState } from './state-view.js';
import type { StatsCounter } from './stats.js';
import type { FaultKind } from './types.js';

/** ADMIN_PREFIX is the root of the admin endpoints. */
export const ADMIN_PREFIX = '/__sim';

/** AdminDeps is what the admin endpoints act on. */
export interface AdminDeps {
  engine: Engine;
  faults: FaultInjector;
  stats: StatsCounter;
}

const faultRuleSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS as [FaultKind, ...FaultKind[]]),
  match: z.strictObject({ method: z.string().optional(), route: z.string().optional() }).optional(),
  probability: z.number().min(0).max(1).optional(),
  times: z.number().int().positive().optional(),
  latencyMs: z.number().min(0).optional(),
});

/** @internal */
function addFault(deps: AdminDeps, body: string): SimResponse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return jsonResponse(400, { error: 'The body is not JSON; send a fault rule such as {"kind":"http-503","times":1}.' });
  }
  const parsed = faultRuleSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'rule'}: ${issue.message}`);
    return jsonResponse(400, { error: `Invalid fault rule (${issues.join('; ')}); see the simulator README for the rule format.` });
  }
  deps.faults.add(parsed.data);
  return jsonResponse(201, { rules: deps.faults.activeRules() });
}

/** dispatchAdmin answers one admin request; `path` starts with ADMIN_PREFIX. */
export function dispatchAdmin(deps: AdminDeps, method: string, path: string, body: string): SimResponse {
  const action = `${method} ${path.slice(ADMIN_PREFIX.length)}`;
  switch (action) {
    case 'GET /state':
      return jsonResponse(200, pageState(deps.engine.store, deps.engine.now()), { 'cache-control': 'no-store' });
    case 'GET /stats':
      return jsonResponse(200, deps.stats.snapshot());
    case 'POST /stats/reset':
      deps.stats.reset();
      return jsonResponse(200, deps.stats.snapshot());
    case 'GET /faults':
      return jsonResponse(200, { rules: deps.faults.activeRules(), injected: deps.faults.injected() });
    case 'POST /faults':
      return addFault(deps, body);
    case 'DELETE /faults':
      deps.faults.clear();
      return jsonResponse(200, { rules: [] });
    case 'POST /restart':
      deps.engine.restart();
      return jsonResponse(200, { restarted: true });
    case 'POST /revoke-tokens':
      deps.engine.tokens.revokeAll();
      return jsonResponse(200, { revoked: true });
    case 'POST /cleanup':
      return jsonResponse(200, { deleted: deps.engine.runCleanupNow() });
    default:
      return emptyResponse(404);
  }
}
