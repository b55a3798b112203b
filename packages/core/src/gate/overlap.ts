import { longestRange } from './promql.js';

export { longestRange };

/**
 * How many consecutive points of a range query share their underlying samples: a
 * `rate(x[1m])` evaluated every 15 s looks at 4 overlapping minutes. The statistics divide the
 * point count by this to get the number of points that carry independent evidence.
 */
export function overlapFactor(query: string, stepMs: number): number {
  const range = longestRange(query);
  if (range === undefined || stepMs <= 0) return 1;
  return Math.max(1, range / stepMs);
}
