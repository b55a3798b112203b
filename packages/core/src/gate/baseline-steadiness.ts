import { OUTLIER_CUT, OUTLIER_MAX_SHARE } from './baseline-outliers.js';
import type { Direction } from './slo-file.js';
import { median, quantileOfSorted, sorted } from './statistics.js';

/**
 * Whether a baseline is one steady level that outliers can be taken out of, or mostly
 * disturbance.
 *
 * baseline-outliers.ts masks a disturbance that covers a minority of the baseline. A longer one
 * defeats it: the median and MAD of the whole window then describe the disturbance as much as
 * normal operation, nothing stands out, and the baseline's level is pulled towards the
 * disturbance — a real regression after it looks small. So the noise scale is measured where a
 * level shift cannot inflate it: from differences between points `lag` apart, far enough that
 * their range windows share no samples (a step between levels adds `lag` large differences per
 * edge, a minority, not one per point), and their lower quartile read as the scale. Against it:
 * - **The better part must be one level.** A disturbance is worse than normal operation, so the
 *   better-looking points are where normal operation is. From the best 10 % to the point that
 *   leaves the worst 35 % out (p10 to p65 for "lower is better"), a steady window spans about
 *   1.7 scales (log scale when every value is positive, as noise in rates and latencies is
 *   multiplicative); more than STEADY_MAX_SPREAD means a second level reaches into it: a disturbance
 *   over more than about a third of the window, including one split evenly with normal
 *   operation, where every point sits half a shift from a median between the two levels.
 * - **Few points far off.** Points further than OUTLIER_CUT scales from the median: at most
 *   OUTLIER_MAX_SHARE of them on the worse side (a disturbance the outlier mask takes out), at
 *   most BETTER_MAX_OFF on the better side (beyond that, normal operation is the better-looking
 *   minority and the median sits on the disturbance).
 * A window that fails either is not steady: the gate looks further back, or declares the
 * comparison inconclusive.
 */
export const STEADY_MAX_SPREAD = 3.5;
export const BETTER_MAX_OFF = 0.1;
/** The better part of a window: from its best tenth to where its worst 35 % begin. */
const BETTER_PART = [0.1, 0.65] as const;

export interface Steadiness {
  steady: boolean;
  /** Span of the better part of the window, in noise scales. */
  spread: number;
  /** Share of points off the window's level on the worse side, and on the better side. */
  offWorse: number;
  offBetter: number;
  /** The noise scale from lagged differences (NaN with too few points). */
  scale: number;
}

/**
 * Normal-consistent scale from the lower quartile of the absolute differences of two independent
 * points: 1 / (Φ⁻¹(5/8) · √2). The lower quartile, not the median: every difference that spans an
 * edge between levels (up to `lag` per edge, more where a range query smears the edge) is large,
 * and with two edges they can be a third of all differences.
 */
const DIFFERENCE_TO_SD = 2.219;
/** Fewer points than this cannot show a shift between levels. */
const MIN_POINTS = 8;

export function steadiness(
  points: ReadonlyArray<readonly [number, number]>,
  spanMs: number,
  stepMs: number,
  direction: Direction,
): Steadiness {
  const finite = points.map(([, value]) => value).filter((value) => Number.isFinite(value));
  // Rates, ratios and latencies carry multiplicative noise: on a log scale a disturbance's larger
  // absolute noise does not pass for normal operation's. Zeros (no errors at all) keep it linear.
  const values = finite.every((value) => value > 0) ? finite.map(Math.log) : finite;
  // Far enough apart that the two points share no samples, and that slow, smooth movement (a
  // gauge's autocorrelation, a drift) counts as noise rather than as a level: a sixteenth of the window.
  const lag = Math.max(1, Math.ceil(spanMs / stepMs), Math.ceil(values.length / 16));
  const steadyFallback = { steady: true, spread: 0, offWorse: 0, offBetter: 0 };
  if (values.length < Math.max(MIN_POINTS, 2 * lag + 2)) return { ...steadyFallback, scale: Number.NaN };
  const differences: number[] = [];
  for (let i = lag; i < values.length; i++)
    differences.push(Math.abs((values[i] as number) - (values[i - lag] as number)));
  const scale = DIFFERENCE_TO_SD * quantileOfSorted(sorted(differences), 0.25);
  // No spread (sparse counts that are mostly equal): there is no level to be off; the outlier mask decides.
  if (!(scale > 0)) return { ...steadyFallback, scale };
  const ascending = sorted(values);
  const [from, to] = direction === 'lower' ? BETTER_PART : ([1 - BETTER_PART[1], 1 - BETTER_PART[0]] as const);
  const spread = (quantileOfSorted(ascending, to) - quantileOfSorted(ascending, from)) / scale;
  const center = median(values);
  const worse = direction === 'lower' ? 1 : -1;
  let offWorse = 0;
  let offBetter = 0;
  for (const value of values) {
    const distance = (value - center) * worse;
    if (distance > OUTLIER_CUT * scale) offWorse++;
    else if (-distance > OUTLIER_CUT * scale) offBetter++;
  }
  const shares = { offWorse: offWorse / values.length, offBetter: offBetter / values.length };
  const steady =
    spread <= STEADY_MAX_SPREAD &&
    shares.offWorse + shares.offBetter <= OUTLIER_MAX_SHARE &&
    shares.offBetter <= BETTER_MAX_OFF;
  return { steady, spread, ...shares, scale };
}
