import { longestRange } from './overlap.js';
import { median } from './statistics.js';

/**
 * Disturbances in the baseline, as time ranges.
 *
 * The baseline is the reference a release is judged against, so a burst of errors or a slow
 * minute inside it must not count as "normal": it would make a real regression look ordinary.
 * How the gate finds one and takes it out:
 *
 * 1. **Flag** (per objective): points more than 5 scaled MADs (1.4826 × MAD, which equals the
 *    standard deviation for normal noise) from the median. Median and MAD are estimated again
 *    from the points not flagged until the flags stop changing: a disturbance covering a fifth
 *    of the window inflates the MAD of all the points, while the scale that matters is that of
 *    normal operation. For normal noise a point beyond 5 σ happens about once in two million,
 *    so a healthy baseline loses nothing. Only a minority can be a disturbance: flags never
 *    cover more than 30% of the points (when the first look would flag more, or the spread is
 *    zero as with sparse counts, nothing is flagged: a shift that large is the baseline's
 *    level, not a disturbance in it).
 * 2. **Edges** (per objective): a range query smears a disturbance. `rate(x[1m])` at time t sees
 *    the samples of (t − 1m, t], so the points whose window holds only part of the disturbance
 *    rise only part of the way: they stay under the cut yet sit above the normal level. They
 *    can only be the points that share samples with a flagged one, at most range ÷ step − 1 on
 *    either side (three for `[1m]` every 15 s). Each flagged run grows over those neighbours
 *    while they stay more than 2 scaled MADs away on the same side (hysteresis: a strict
 *    threshold to detect, a loose one to delineate; a clean neighbour passes 2 σ on one side
 *    about once in 40).
 * 3. **Time range**: a run of points t₁…tₙ that see the disturbance means it began after the
 *    window of the point before (t₁ − step) and ended before the window of the point after
 *    (tₙ + step − range): in sample time, (t₁ − step, tₙ − range + step]. That range, not the
 *    points, is the disturbance.
 * 4. **Shared**: a disturbance is a time range, not a property of one query. Errors and latency
 *    usually move together, but one often stands out more clearly from its own noise (a p95
 *    from thousands of requests is steadier than an error ratio from a few dozen errors), so
 *    the ranges of all objectives are joined, and each objective leaves out every baseline
 *    point whose own window, (t − range, t], overlaps them.
 *
 * The candidate is what is on trial: nothing is ever removed from it.
 */
export const OUTLIER_CUT = 5;
export const OUTLIER_EDGE = 2;
export const OUTLIER_MAX_SHARE = 0.3;
/** Normal-consistent MAD: 1 / Φ⁻¹(3/4). */
const MAD_TO_SD = 1.4826;
/** Re-estimating the scale converges in two or three rounds; this only bounds the loop. */
const MAX_ROUNDS = 20;

/** A span of sample time, (startMs, endMs]. */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

/**
 * How far back in sample time one point of this query looks: its longest range selector
 * (`[1m]`), or one step for a query without one (a gauge's point stands for its step).
 */
export function sampleSpan(query: string, stepMs: number): number {
  const range = longestRange(query);
  return range !== undefined && range > 0 ? range : stepMs;
}

export interface OutlierFlags {
  /** Per value: beyond the cut. */
  flags: boolean[];
  /** Median and scaled MAD of the values not flagged (NaN when there are none). */
  center: number;
  scale: number;
}

/**
 * Which values lie more than `cut` scaled MADs from the median, median and MAD taken from
 * the values not flagged (re-estimated until the flags stop changing). Nothing is flagged when
 * more than `maxShare` of the values would be at the first look, or when the spread is zero;
 * a later round that would pass `maxShare` (or leave no spread) is not taken.
 */
export function flagOutliers(values: readonly number[], cut = OUTLIER_CUT, maxShare = OUTLIER_MAX_SHARE): OutlierFlags {
  let flags = values.map(() => false);
  let fit = robustFit(values);
  for (let round = 0; round < MAX_ROUNDS && fit.scale > 0; round++) {
    const { center, scale } = fit;
    const next = values.map((value) => Math.abs(value - center) > cut * scale);
    if (next.filter(Boolean).length > maxShare * values.length) break;
    if (next.every((flag, i) => flag === flags[i])) break;
    const refit = robustFit(values.filter((_, i) => !next[i]));
    if (!(refit.scale > 0)) break;
    flags = next;
    fit = refit;
  }
  return { flags, ...fit };
}

function robustFit(values: readonly number[]): { center: number; scale: number } {
  const center = median(values);
  return { center, scale: MAD_TO_SD * median(values.map((value) => Math.abs(value - center))) };
}

/**
 * The disturbance of one objective's baseline as sample-time ranges (steps 1 to 3 above).
 * `points` are [time ms, value] in time order; non-finite values are ignored.
 */
export function outlierRanges(
  points: ReadonlyArray<readonly [number, number]>,
  spanMs: number,
  stepMs: number,
): TimeRange[] {
  const finite = points.filter(([, value]) => Number.isFinite(value));
  const values = finite.map(([, value]) => value);
  const { flags, center, scale } = flagOutliers(values);
  const seen = [...flags];
  for (const [i, flagged] of flags.entries()) {
    if (!flagged) continue;
    const [time, value] = finite[i] as readonly [number, number];
    const side = Math.sign(value - center);
    for (const direction of [-1, 1]) {
      for (let j = i + direction; j >= 0 && j < finite.length && !flags[j]; j += direction) {
        const [neighbourTime, neighbourValue] = finite[j] as readonly [number, number];
        // Only points that share samples with the flagged one can carry its smear.
        if (Math.abs(neighbourTime - time) >= spanMs) break;
        if (side * (neighbourValue - center) <= OUTLIER_EDGE * scale) break;
        seen[j] = true;
      }
    }
  }
  const runs: Array<{ first: number; last: number }> = [];
  for (const [i, [time]] of finite.entries()) {
    if (!seen[i]) continue;
    const run = runs[runs.length - 1];
    if (run && time - run.last <= stepMs) run.last = time;
    else runs.push({ first: time, last: time });
  }
  return mergeRanges(
    runs.map(({ first, last }) => ({ startMs: first - stepMs, endMs: Math.max(first, last - spanMs + stepMs) })),
  );
}

/** Sorted, with overlapping or touching ranges joined. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const merged: TimeRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.startMs - b.startMs)) {
    const last = merged[merged.length - 1];
    if (last && range.startMs <= last.endMs) last.endMs = Math.max(last.endMs, range.endMs);
    else merged.push({ ...range });
  }
  return merged;
}

/** Whether the point at `timeMs`, whose window is (timeMs − span, timeMs], shares sample time with a range. */
export function inOutlierRanges(timeMs: number, spanMs: number, ranges: readonly TimeRange[]): boolean {
  return ranges.some((range) => timeMs - spanMs < range.endMs && range.startMs < timeMs);
}
