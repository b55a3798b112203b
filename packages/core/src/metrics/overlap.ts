import { parseDuration } from '../action/duration.js';

const RANGE_SELECTOR = /\[\s*(\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y))+\s*(?::[^\]]*)?\]/g;

/** The longest range selector (`[1m]`, or a subquery's `[10m:30s]`) in a PromQL query, in ms. */
export function longestRange(query: string): number | undefined {
  let longest: number | undefined;
  for (const match of query.matchAll(RANGE_SELECTOR)) {
    const text = match[0].slice(1, -1).split(':')[0]?.trim() ?? '';
    const ms = parseDuration(
      text
        .replace(/(\d+)w/g, (_, n: string) => `${Number(n) * 7}d`)
        .replace(/(\d+)y/g, (_, n: string) => `${Number(n) * 365}d`),
    );
    if (ms !== undefined && (longest === undefined || ms > longest)) longest = ms;
  }
  return longest;
}

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
