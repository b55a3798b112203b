import { evaluateGate, type RangeQuerier } from '../../src/gate/gate.js';
import {
  flagOutliers,
  outlierRanges,
  inOutlierRanges,
  mergeRanges,
  sampleSpan,
  type TimeRange,
} from '../../src/gate/baseline-outliers.js';
import { judgeObjective, judgeObjectives, sharedOutlierRanges, type WindowData } from '../../src/gate/judge.js';
import type { RangeSeries } from '../../src/gate/prometheus-client.js';
import { median } from '../../src/gate/statistics.js';
import { parseSloFile, type Objective } from '../../src/gate/slo-file.js';
import { mulberry32 } from '@paved/test-support/gate';

const DEPLOY = Date.parse('2026-05-01T12:00:00Z');
const STEP = 15_000;
const MINUTE = 60_000;
const START = DEPLOY - 10 * MINUTE;

/** Seeded noise around 1: roughly normal (a sum of uniforms), sd ≈ `sd`. */
function noise(seed: number, sd: number): () => number {
  const random = mulberry32(seed);
  return () => 1 + sd * 2 * (random() + random() + random() - 1.5);
}

/**
 * A `[1m]` rate every 15 s over a 10-minute baseline (41 points) whose underlying level is
 * `level` during [fromMs, toMs) of sample time and 1 elsewhere: each point averages the level
 * over its window (t − 1m, t], as rate() does, so the disturbance's edges are smeared.
 */
function smearedRate(seed: number, sd: number, level: number, fromMs: number, toMs: number): Array<[number, number]> {
  const jitter = noise(seed, sd);
  return Array.from({ length: 41 }, (_, i): [number, number] => {
    const t = START + i * STEP;
    const inside = Math.max(0, Math.min(t, toMs) - Math.max(t - MINUTE, fromMs));
    return [t, (1 + ((level - 1) * inside) / MINUTE) * jitter()];
  });
}

const at = (points: Array<[number, number]>, offsetMs: number) => points.findIndex(([t]) => t === DEPLOY + offsetMs);

describe('flagging a disturbance', () => {
  it('flags nothing in a healthy baseline', () => {
    const values = Array.from({ length: 41 }, noise(1, 0.05));
    expect(flagOutliers(values).flags.some(Boolean)).toBe(false);
  });

  it('flags a block of points far from the rest, measuring the scale without them', () => {
    const jitter = noise(2, 0.02);
    const values = Array.from({ length: 40 }, (_, i) => (i >= 20 && i < 31 ? 4 : i === 31 ? 1.12 : 1) * jitter());
    const { flags, center, scale } = flagOutliers(values);
    expect(flags.slice(20, 31).every(Boolean)).toBe(true);
    expect(flags.slice(0, 20).some(Boolean)).toBe(false);
    // The median and MAD of the normal points, not those inflated by the block.
    expect(center).toBeCloseTo(1, 1);
    expect(scale).toBeLessThan(0.02);
    // 1.12 is more than 5 MADs from the normal points, though only about 3 with the block's.
    const allCenter = median(values);
    const allScale = 1.4826 * median(values.map((v) => Math.abs(v - allCenter)));
    expect(((values[31] as number) - allCenter) / allScale).toBeLessThan(5);
    expect(flags[31]).toBe(true);
  });

  it('flags nothing when too many points would go, or when the spread is zero', () => {
    const shifted = Array.from({ length: 40 }, (_, i) => (i < 15 ? 2 : 1) * (1 + 0.01 * (i % 5)));
    expect(flagOutliers(shifted).flags.some(Boolean)).toBe(false);
    expect(flagOutliers([0, 0, 0, 0, 0, 0, 3, 0, 0]).flags.some(Boolean)).toBe(false);
  });
});

describe('the disturbance as a time range', () => {
  // A disturbance of 3x from 7 to 5 minutes before the deploy, under 12% noise.
  const points = smearedRate(3, 0.12, 3, DEPLOY - 7 * MINUTE, DEPLOY - 5 * MINUTE);
  // The points that see any of it: (t − 1m, t] overlaps [−7m, −5m), so −6m45s … −4m15s.
  const touched = (t: number) => t > DEPLOY - 7 * MINUTE && t - MINUTE < DEPLOY - 5 * MINUTE;

  it('takes the smeared edges with the core and nothing beyond them', () => {
    const flags = flagOutliers(points.map(([, v]) => v)).flags;
    // The cut alone misses the edges: the first and last points see a quarter of the disturbance.
    expect(flags[at(points, -6.75 * MINUTE)]).toBe(false);
    expect(flags[at(points, -4.25 * MINUTE)]).toBe(false);
    const ranges = outlierRanges(points, MINUTE, STEP);
    expect(ranges).toHaveLength(1);
    const masked = points.map(([t]) => inOutlierRanges(t, MINUTE, ranges));
    expect(masked).toEqual(points.map(([t]) => touched(t)));
  });

  it('is the sample time between the last clean windows on either side', () => {
    const [range] = outlierRanges(points, MINUTE, STEP) as [TimeRange];
    // Began after the window of −7m ended, ended before the window of −4m began.
    expect(range).toEqual({ startMs: DEPLOY - 7 * MINUTE, endMs: DEPLOY - 5 * MINUTE });
  });

  it('reaches a query with a longer range further, and a gauge not at all', () => {
    const ranges = outlierRanges(points, MINUTE, STEP);
    const fiveMinutes = points.filter(([t]) => inOutlierRanges(t, 5 * MINUTE, ranges)).length;
    // (t − 5m, t] overlaps (−7m, −5m] from −6m45s up to −15s.
    expect(fiveMinutes).toBe(points.filter(([t]) => t > DEPLOY - 7 * MINUTE && t < DEPLOY).length);
    const gauge = Array.from({ length: 41 }, (_, i): [number, number] => [
      START + i * STEP,
      (i === 20 || i === 21 ? 4 : 1) * (1 + 0.01 * (i % 7)),
    ]);
    const gaugeRanges = outlierRanges(gauge, sampleSpan('latency_seconds', STEP), STEP);
    expect(gauge.filter(([t]) => inOutlierRanges(t, STEP, gaugeRanges)).map(([t]) => (t - START) / STEP)).toEqual([
      20, 21,
    ]);
  });

  it('measures a point by its longest range selector, or its step', () => {
    expect(sampleSpan('sum(rate(x[1m])) / sum(rate(y[5m]))', STEP)).toBe(5 * MINUTE);
    expect(sampleSpan('up', STEP)).toBe(STEP);
  });

  it('joins overlapping and touching ranges', () => {
    expect(
      mergeRanges([
        { startMs: 50, endMs: 60 },
        { startMs: 0, endMs: 10 },
        { startMs: 10, endMs: 20 },
        { startMs: 15, endMs: 30 },
      ]),
    ).toEqual([
      { startMs: 0, endMs: 30 },
      { startMs: 50, endMs: 60 },
    ]);
  });
});

describe('one disturbance mask for all objectives', () => {
  const errors: Objective = {
    name: 'error-rate',
    query: 'sum(rate(errors[1m])) / sum(rate(requests[1m]))',
    direction: 'lower',
    maxRegression: 0.25,
    weight: 1,
    critical: true,
  };
  const latency: Objective = { ...errors, name: 'latency', query: 'histogram_quantile(0.95, rate(b[1m]))' };
  const window = (points: Array<[number, number]>): WindowData => ({
    start: new Date(START),
    end: new Date(DEPLOY),
    stepMs: STEP,
    points,
    seriesCount: 1,
  });
  const candidate = (seed: number, level: number): WindowData => {
    const jitter = noise(seed, 0.1);
    return {
      start: new Date(DEPLOY + STEP),
      end: new Date(DEPLOY + 5 * MINUTE),
      stepMs: STEP,
      points: Array.from({ length: 20 }, (_, i) => [DEPLOY + (i + 1) * STEP, level * jitter()]),
      seriesCount: 1,
    };
  };
  const from = DEPLOY - 7 * MINUTE;
  const to = DEPLOY - 5 * MINUTE;
  // Latency triples, clear of its 3% noise; errors rise by a third, lost in their 10% noise.
  const latencyPoints = smearedRate(4, 0.03, 3, from, to);
  const errorPoints = smearedRate(5, 0.1, 1.35, from, to);

  it('leaves out of every baseline the time range any objective flags', () => {
    expect(outlierRanges(errorPoints, MINUTE, STEP)).toEqual([]);
    const data = [
      { objective: errors, baseline: window(errorPoints), candidate: candidate(6, 1) },
      { objective: latency, baseline: window(latencyPoints), candidate: candidate(7, 1) },
    ];
    expect(sharedOutlierRanges(data)).toEqual([{ startMs: from, endMs: to }]);
    const [errorResult, latencyResult] = judgeObjectives(data);
    expect(errorResult?.baseline.outlierPoints).toBe(11);
    expect(latencyResult?.baseline.outlierPoints).toBe(11);
    expect(errorResult?.baseline.outlierRanges).toEqual([
      { start: new Date(from + STEP).toISOString(), end: new Date(to + 3 * STEP).toISOString() },
    ]);
    // Judged alone, the errors would keep their disturbance.
    expect(judgeObjective(errors, window(errorPoints), candidate(6, 1)).baseline.outlierPoints).toBe(0);
  });

  it('keeps at least half the baseline: a wider mask falls back to the objective’s own flags', () => {
    const wide = [{ startMs: START - MINUTE, endMs: DEPLOY - 3 * MINUTE }];
    const result = judgeObjective(latency, window(latencyPoints), candidate(7, 1), 'final', wide);
    expect(result.baseline.outlierPoints).toBeGreaterThan(0);
    expect(result.baseline.outlierPoints).toBeLessThanOrEqual(0.3 * 41);
  });

  it('is shared by the gate', async () => {
    const slo = parseSloFile(
      [
        'objectives:',
        `  - { name: error-rate, query: '${errors.query}', direction: lower, max-regression: 25% }`,
        `  - { name: latency, query: '${latency.query}', direction: lower, max-regression: 25% }`,
      ].join('\n'),
      'slo.yml',
    );
    const prometheus: RangeQuerier = {
      url: 'http://prometheus.test',
      async queryRange(query, start): Promise<RangeSeries[]> {
        const baseline = start.getTime() < DEPLOY;
        const points = baseline
          ? query === errors.query
            ? errorPoints
            : latencyPoints
          : candidate(query === errors.query ? 6 : 7, 1).points;
        return [{ labels: {}, points }];
      },
    };
    const evaluation = await evaluateGate({
      slo,
      prometheus,
      deployedAt: new Date(DEPLOY),
      baselineWindowMs: 10 * MINUTE,
      windowMs: 5 * MINUTE,
      stepMs: STEP,
      earlyExit: false,
      now: () => DEPLOY + 60 * MINUTE,
    });
    expect(evaluation.objectives.map((o) => o.baseline.outlierPoints)).toEqual([11, 11]);
  });
});
