/**
 * The p-th percentile by the nearest-rank method: the smallest sample that at least p % of the
 * samples are at or below. With few samples it is an observed value, never an interpolation,
 * so "p95 over 5 requests" is simply the slowest one, which is the honest answer.
 */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function p95(samples: readonly number[]): number | undefined {
  return percentile(samples, 95);
}
