import { normalQuantile, normalUpperTail, quantileOfSorted } from './statistics.js';

/**
 * Why a rank test. The gate compares two windows of one query's points: the baseline before
 * the deploy and the candidate after it. Mann-Whitney's U only uses the order of the points,
 * so a spike or a disturbance inside the baseline weighs as much as any other point above the
 * median (its height does not matter), latency's long tail needs no log transform, and
 * nothing assumes a normal distribution. Its companion, the Hodges-Lehmann estimate (the
 * median of all candidate-minus-baseline differences), gives the size of the shift with a
 * confidence interval from the same ranks — the effect size a tolerance is compared with, as
 * Kayenta does, but robust where Kayenta's ratio of means is not.
 *
 * Why effective sizes. A range query's points are not independent: `rate(x[1m])` sampled every
 * 15 s shares three quarters of its requests with the point before. Treating 20 such points
 * as 20 independent draws makes any test about 4 times too sure of itself. The caller passes
 * effective sizes (points divided by the overlap), and the variance under "no change" uses
 * them; U and the shift are still computed from every point.
 */

export interface RankTestResult {
  /** Mann-Whitney U of the candidate: pairs where candidate > baseline, ties counted ½. */
  u: number;
  /** U / (n_baseline × n_candidate): the chance a candidate point exceeds a baseline point. */
  probabilityOfSuperiority: number;
  /** Standardised U at the effective sizes, with tie and continuity corrections. */
  z: number;
  /** One-sided p-value for "the candidate is higher". */
  pHigher: number;
  /** One-sided p-value for "the candidate is lower". */
  pLower: number;
  baselineSize: number;
  candidateSize: number;
  effectiveBaselineSize: number;
  effectiveCandidateSize: number;
}

export interface ShiftEstimate {
  /** Hodges-Lehmann: median of all candidate − baseline differences. */
  shift: number;
  /** Lower and upper one-sided confidence bounds at `confidence` (each side on its own). */
  lower: number;
  upper: number;
  confidence: number;
}

/** Most pairwise differences the shift estimate sorts; longer windows are thinned evenly. */
const MAX_PAIRS = 250_000;

export function mannWhitney(
  baseline: readonly number[],
  candidate: readonly number[],
  effective: { baseline?: number; candidate?: number } = {},
): RankTestResult {
  const n1 = baseline.length;
  const n2 = candidate.length;
  const e1 = clampEffective(effective.baseline, n1);
  const e2 = clampEffective(effective.candidate, n2);
  const pooled = [
    ...baseline.map((value) => ({ value, candidate: false })),
    ...candidate.map((value) => ({ value, candidate: true })),
  ].sort((a, b) => a.value - b.value);
  const total = pooled.length;
  let rankSumCandidate = 0;
  let tieTerm = 0;
  for (let start = 0; start < total;) {
    let end = start;
    while (
      end + 1 < total &&
      (pooled[end + 1] as { value: number }).value === (pooled[start] as { value: number }).value
    )
      end++;
    const averageRank = (start + end) / 2 + 1;
    const ties = end - start + 1;
    if (ties > 1) tieTerm += ties ** 3 - ties;
    for (let i = start; i <= end; i++)
      if ((pooled[i] as { candidate: boolean }).candidate) rankSumCandidate += averageRank;
    start = end + 1;
  }
  const pairs = n1 * n2;
  const u = rankSumCandidate - (n2 * (n2 + 1)) / 2;
  const share = pairs > 0 ? u / pairs : 0.5;
  const tieFactor = total > 1 ? 1 - tieTerm / (total ** 3 - total) : 0;
  const variance = pairs > 0 ? ((e1 + e2 + 1) / (12 * e1 * e2)) * tieFactor : 0;
  let z = 0;
  let pHigher = 1;
  let pLower = 1;
  if (variance > 0) {
    const sd = Math.sqrt(variance);
    const continuity = 0.5 / pairs;
    pHigher = normalUpperTail((share - 0.5 - continuity) / sd);
    pLower = normalUpperTail((0.5 - share - continuity) / sd);
    z = (share - 0.5) / sd;
  }
  return {
    u,
    probabilityOfSuperiority: share,
    z,
    pHigher: Math.min(1, pHigher),
    pLower: Math.min(1, pLower),
    baselineSize: n1,
    candidateSize: n2,
    effectiveBaselineSize: e1,
    effectiveCandidateSize: e2,
  };
}

/**
 * The Hodges-Lehmann shift with one-sided confidence bounds: the shifts Δ that a one-sided
 * Mann-Whitney test of (candidate − Δ) against the baseline would not reject. Bounds are
 * ±Infinity when there are too few (effective) points to bound the shift at all.
 */
export function hodgesLehmann(
  baseline: readonly number[],
  candidate: readonly number[],
  confidence: number,
  effective: { baseline?: number; candidate?: number } = {},
): ShiftEstimate {
  const e1 = clampEffective(effective.baseline, baseline.length);
  const e2 = clampEffective(effective.candidate, candidate.length);
  const [b, c] = thinToPairLimit(baseline, candidate);
  const differences: number[] = [];
  for (const cv of c) for (const bv of b) differences.push(cv - bv);
  differences.sort((x, y) => x - y);
  const m = differences.length;
  if (m === 0) return { shift: NaN, lower: -Infinity, upper: Infinity, confidence };
  const z = normalQuantile(confidence);
  const sd = Math.sqrt((e1 + e2 + 1) / (12 * e1 * e2));
  const k = Math.ceil(m * (0.5 - z * sd));
  return {
    shift: quantileOfSorted(differences, 0.5),
    lower: k >= 1 ? (differences[k - 1] as number) : -Infinity,
    upper: k >= 1 ? (differences[m - k] as number) : Infinity,
    confidence,
  };
}

function clampEffective(value: number | undefined, n: number): number {
  if (value === undefined || !Number.isFinite(value)) return Math.max(n, 1);
  return Math.min(Math.max(n, 1), Math.max(1, value));
}

function thinToPairLimit(baseline: readonly number[], candidate: readonly number[]): [number[], number[]] {
  let b = [...baseline];
  let c = [...candidate];
  while (b.length * c.length > MAX_PAIRS) {
    if (b.length >= c.length) b = b.filter((_, i) => i % 2 === 0);
    else c = c.filter((_, i) => i % 2 === 0);
  }
  return [b, c];
}
