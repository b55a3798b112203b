import { hodgesLehmann, mannWhitney } from '../../src/gate/rank-test.js';
import { longestRange, overlapFactor } from '../../src/gate/overlap.js';
import { median, medianBound, normalQuantile, normalUpperTail, quantileOfSorted } from '../../src/gate/statistics.js';

describe('robust location', () => {
  it('medians and quantiles interpolate like R type 7', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantileOfSorted([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6);
    expect(median([])).toBeNaN();
  });

  it('a spike covering a fifth of the window barely moves the median', () => {
    const calm = Array.from({ length: 40 }, (_, i) => 100 + (i % 5));
    const spiked = calm.map((value, i) => (i >= 10 && i < 18 ? value * 5 : value));
    expect(Math.abs(median(spiked) - median(calm))).toBeLessThanOrEqual(1);
  });

  it('bounds the median by order statistics, wider for fewer effective points', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const lower = medianBound(values, 'lower', 0.975);
    expect(lower).toBeGreaterThanOrEqual(39);
    expect(lower).toBeLessThanOrEqual(42);
    expect(medianBound(values, 'lower', 0.975, 25)).toBeLessThan(lower);
    expect(medianBound([1, 2, 3], 'lower', 0.999)).toBe(-Infinity);
    expect(medianBound([1, 2, 3], 'upper', 0.999)).toBe(Infinity);
  });
});

describe('normal distribution', () => {
  it.each([
    [1.959964, 0.025],
    [0, 0.5],
    [3.090232, 0.001],
    [-1.644854, 0.95],
  ])('P(Z > %d) = %d', (z, p) => {
    expect(normalUpperTail(z)).toBeCloseTo(p, 6);
  });

  it('stays accurate in the far tail', () => {
    expect(normalUpperTail(5) / 2.866516e-7).toBeCloseTo(1, 4);
  });

  it('inverts', () => {
    for (const p of [0.001, 0.01, 0.3, 0.5, 0.98, 0.999]) expect(normalUpperTail(-normalQuantile(p))).toBeCloseTo(p, 7);
  });
});

describe('Mann-Whitney U', () => {
  it('matches the textbook normal approximation with continuity correction', () => {
    const result = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(result.u).toBe(25);
    expect(result.probabilityOfSuperiority).toBe(1);
    // scipy.stats.mannwhitneyu([6..10], [1..5], alternative='greater', method='asymptotic') = 0.006093
    expect(result.pHigher).toBeCloseTo(0.006093, 5);
    expect(result.pLower).toBeGreaterThan(0.99);
  });

  it('corrects for ties', () => {
    // By hand: U = 11.5 of 16; tie-corrected sigma = sqrt(16/12 * (9 - 66/56)) = 3.229; z = (11.5 - 8 - 0.5) / 3.229
    const result = mannWhitney([1, 2, 2, 3], [2, 2, 3, 4]);
    expect(result.u).toBe(11.5);
    expect(result.pHigher).toBeCloseTo(0.1765, 3);
  });

  it('is unsure when every value is the same', () => {
    const result = mannWhitney([0, 0, 0], [0, 0, 0]);
    expect(result.pHigher).toBe(1);
    expect(result.pLower).toBe(1);
  });

  it('is less sure with fewer effective points (overlapping windows)', () => {
    const baseline = Array.from({ length: 40 }, (_, i) => 100 + ((i * 7) % 11));
    const candidate = Array.from({ length: 20 }, (_, i) => 104 + ((i * 5) % 11));
    const independent = mannWhitney(baseline, candidate);
    const overlapping = mannWhitney(baseline, candidate, { baseline: 10, candidate: 5 });
    expect(overlapping.u).toBe(independent.u);
    expect(overlapping.pHigher).toBeGreaterThan(independent.pHigher);
  });
});

describe('Hodges-Lehmann shift', () => {
  it('is the median of pairwise differences, with bounds around it', () => {
    const estimate = hodgesLehmann([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 0.95);
    expect(estimate.shift).toBe(5);
    expect(estimate.lower).toBeGreaterThan(1);
    expect(estimate.lower).toBeLessThan(5);
    expect(estimate.upper).toBeGreaterThan(5);
  });

  it('ignores a baseline disturbance when measuring a shift', () => {
    const baseline = Array.from({ length: 40 }, (_, i) => 100 + (i % 7) + (i >= 20 && i < 28 ? 300 : 0));
    const candidate = Array.from({ length: 20 }, (_, i) => 150 + (i % 7));
    expect(hodgesLehmann(baseline, candidate, 0.99).shift).toBeGreaterThan(45);
  });

  it('cannot bound the shift from too few points', () => {
    const estimate = hodgesLehmann([1, 2], [3, 4], 0.999);
    expect(estimate.lower).toBe(-Infinity);
  });
});

describe('overlap of range queries', () => {
  it('finds the longest range selector', () => {
    expect(longestRange('sum(rate(x[1m])) / sum(rate(y[5m]))')).toBe(300_000);
    expect(longestRange('max_over_time(rate(x[30s])[10m:15s])')).toBe(600_000);
    expect(longestRange('up')).toBeUndefined();
  });

  it('divides the range by the step', () => {
    expect(overlapFactor('sum(rate(x[1m]))', 15_000)).toBe(4);
    expect(overlapFactor('sum(rate(x[10s]))', 15_000)).toBe(1);
    expect(overlapFactor('up', 15_000)).toBe(1);
  });
});
