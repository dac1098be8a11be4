/**
 * Request counters for API and SSO requests, so tests and benchmarks can check call budgets.
 */
import type { SimStats } from './types.js';

/** StatsCounter counts requests by method, route key and final status. */
export class StatsCounter {
  private stats: SimStats = StatsCounter.empty();

  /** request counts a request when it arrives. */
  request(method: string, routeKey: string): void {
    this.stats.total += 1;
    bump(this.stats.byMethod, method);
    bump(this.stats.byRoute, routeKey);
  }

  /** outcome counts how a request ended: its status, or 'reset'. */
  outcome(status: number | 'reset'): void {
    bump(this.stats.byStatus, String(status));
  }

  snapshot(): SimStats {
    return {
      total: this.stats.total,
      byMethod: { ...this.stats.byMethod },
      byRoute: { ...this.stats.byRoute },
      byStatus: { ...this.stats.byStatus },
    };
  }

  reset(): void {
    this.stats = StatsCounter.empty();
  }

  private static empty(): SimStats {
    return { total: 0, byMethod: {}, byRoute: {}, byStatus: {} };
  }
}

/** @internal */
function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
