/**
 * Nearest-rank percentile: the smallest observed value that at least p % of the values are at or
 * below. Reports show observed durations, never interpolated ones, so a median of two lead times
 * is one of them; the known answers in the tests follow the same definition.
 */
export function nearestRank(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

export interface Spread {
  count: number;
  medianMs?: number;
  p90Ms?: number;
}

export function spread(values: readonly number[]): Spread {
  return { count: values.length, medianMs: nearestRank(values, 50), p90Ms: nearestRank(values, 90) };
}

/** Monday 00:00 UTC of the ISO week holding `ms`. */
export function weekStart(ms: number): number {
  const date = new Date(ms);
  const day = (date.getUTCDay() + 6) % 7;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day);
}
