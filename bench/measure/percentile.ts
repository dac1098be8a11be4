/**
 * percentile returns the nearest-rank `p`-th percentile (0 < p ≤ 100) of `samples`, or NaN
 * when there are none.
 * @example percentile([5, 1, 3], 50) // 3
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** median is the 50th percentile. */
export const median = (samples: readonly number[]): number => percentile(samples, 50);
