/**
 * Small, dependency-free statistics for the quality gate: robust location and the normal
 * distribution. Medians rather than means throughout, because one disturbance inside a window
 * (a minute of timeouts, a GC storm) drags a mean as far as it likes but moves a median only
 * by the share of points it covers.
 */

/** Values sorted ascending, as a new array. */
export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The p-quantile (0..1) of already sorted values, interpolating linearly (type 7, as R and NumPy). */
export function quantileOfSorted(ascending: readonly number[], p: number): number {
  const n = ascending.length;
  if (n === 0) return NaN;
  const position = (n - 1) * Math.min(1, Math.max(0, p));
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const low = ascending[below] as number;
  const high = ascending[above] as number;
  return low + (high - low) * (position - below);
}

export function median(values: readonly number[]): number {
  return quantileOfSorted(sorted(values), 0.5);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/**
 * The standard normal upper tail, P(Z > z), from the complementary error function of
 * Numerical Recipes (erfcc: fractional error below 1.2e-7 everywhere), which stays accurate
 * deep in the tail where the p-values of a clear regression live.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * The z with P(Z < z) = p: Acklam's rational approximation (relative error 1.15e-9), enough
 * for the confidence levels a gate uses.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/**
 * A distribution-free confidence bound for the median of independent points: the order
 * statistic x(k) with P(Binomial(n, ½) < k) ≤ α, by the normal approximation. `effectiveN`
 * below `n` widens it for points that are not independent (see overlapFactor).
 * Returns -Infinity (lower) or +Infinity (upper) when there are too few points to bound it.
 */
export function medianBound(
  values: readonly number[],
  side: 'lower' | 'upper',
  confidence: number,
  effectiveN: number = values.length,
): number {
  const ascending = sorted(values);
  const n = ascending.length;
  if (n === 0) return side === 'lower' ? -Infinity : Infinity;
  const z = normalQuantile(confidence);
  // The share of points below the bound, from the binomial's normal approximation at the effective size.
  const share = 0.5 - z * 0.5 * Math.sqrt(1 / Math.max(1, effectiveN));
  const k = Math.ceil(n * share);
  if (k < 1) return side === 'lower' ? -Infinity : Infinity;
  return side === 'lower' ? (ascending[k - 1] as number) : (ascending[n - k] as number);
}
