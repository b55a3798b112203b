import { OUTLIER_CUT, OUTLIER_MAX_SHARE } from './baseline-outliers.js';
import type { Direction } from './slo-file.js';
import { median } from './statistics.js';

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
 * edge, a minority, not one per point). Points further than OUTLIER_CUT of those scales from the
 * median are off the baseline's level, and the side they are on tells what the median is:
 * - off on the worse side, at most OUTLIER_MAX_SHARE of the points: a disturbance inside a
 *   steady baseline, which the outlier mask takes out;
 * - more than that, or more than BETTER_MAX_OFF on the better side: the window holds two levels
 *   and its median may sit on the disturbance (a disturbance is worse than normal operation, so
 *   normal operation is then the better-looking minority). Not steady: the gate looks further
 *   back, or declares the comparison inconclusive.
 */
export const BETTER_MAX_OFF = 0.1;

export interface Steadiness {
  steady: boolean;
  /** Share of points off the window's level on the worse side, and on the better side. */
  offWorse: number;
  offBetter: number;
  /** The noise scale from lagged differences (NaN with too few points). */
  scale: number;
}

/** Normal-consistent scale from the median absolute difference of two independent points: 1 / (Φ⁻¹(3/4) · √2). */
const DIFFERENCE_TO_SD = 1.0484;
/** Fewer points than this cannot show a shift between levels. */
const MIN_POINTS = 8;

export function steadiness(
  points: ReadonlyArray<readonly [number, number]>,
  spanMs: number,
  stepMs: number,
  direction: Direction,
): Steadiness {
  const values = points.map(([, value]) => value).filter((value) => Number.isFinite(value));
  // Far enough apart that the two points share no samples, and that slow, smooth movement (a
  // gauge's autocorrelation, a drift) counts as noise rather than as a level: an eighth of the window.
  const lag = Math.max(1, Math.ceil(spanMs / stepMs), Math.ceil(values.length / 8));
  if (values.length < Math.max(MIN_POINTS, 2 * lag + 2))
    return { steady: true, offWorse: 0, offBetter: 0, scale: Number.NaN };
  const differences: number[] = [];
  for (let i = lag; i < values.length; i++)
    differences.push(Math.abs((values[i] as number) - (values[i - lag] as number)));
  const scale = DIFFERENCE_TO_SD * median(differences);
  // No spread (sparse counts that are mostly equal): there is no level to be off; the outlier mask decides.
  if (!(scale > 0)) return { steady: true, offWorse: 0, offBetter: 0, scale };
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
  const steady = shares.offWorse + shares.offBetter <= OUTLIER_MAX_SHARE && shares.offBetter <= BETTER_MAX_OFF;
  return { steady, ...shares, scale };
}
