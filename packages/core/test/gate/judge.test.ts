import { judgeObjective, type WindowData } from '../../src/gate/judge.js';
import type { Objective } from '../../src/gate/slo-file.js';
import { mulberry32 } from '@paved/test-support/gate';
import { decideGate, decidedEarly } from '../../src/gate/verdict.js';

const DEPLOY = Date.parse('2026-05-01T12:00:00Z');
const STEP = 15_000;
const latency: Objective = {
  name: 'latency',
  query: 'histogram_quantile(0.95, sum by (le) (rate(x[1m])))',
  direction: 'lower',
  maxRegression: 0.25,
  weight: 1,
  critical: true,
};

/** Noisy points around `level`: log-normal jitter, seeded. */
function points(count: number, level: (i: number) => number, seed: number, startMs: number): Array<[number, number]> {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const noise = Math.exp(0.06 * (random() + random() + random() - 1.5) * 2);
    return [startMs + i * STEP, level(i) * noise];
  });
}

function windows(
  baseline: Array<[number, number]>,
  candidate: Array<[number, number]>,
  seriesCount = 1,
): [WindowData, WindowData] {
  return [
    { start: new Date(DEPLOY - 600_000), end: new Date(DEPLOY), stepMs: STEP, points: baseline, seriesCount },
    { start: new Date(DEPLOY + STEP), end: new Date(DEPLOY + 300_000), stepMs: STEP, points: candidate, seriesCount },
  ];
}

const baseline = (seed: number, level: (i: number) => number = () => 0.2) => points(41, level, seed, DEPLOY - 600_000);
const candidate = (seed: number, factor: number) => points(20, () => 0.2 * factor, seed, DEPLOY + STEP);

describe('judging one objective', () => {
  it('passes an unchanged release and says why', () => {
    const result = judgeObjective(latency, ...windows(baseline(1), candidate(2, 1)));
    expect(result.status).toBe('pass');
    expect(result.test?.effectiveBaseline).toBeCloseTo(41 / 4);
    expect(result.reason).toMatch(/^latency (rose|fell) \d+(\.\d)?% \(medians .*; Hodges-Lehmann shift .*\)/);
  });

  it('fails a 50% regression with the numbers that decided it', () => {
    const result = judgeObjective(latency, ...windows(baseline(1), candidate(2, 1.5)));
    expect(result.status).toBe('fail');
    expect(result.change?.relative).toBeGreaterThan(0.4);
    expect(result.test?.pValue).toBeLessThan(0.01);
    expect(result.reason).toContain('more than the allowed 25%');
  });

  it('does not let a disturbance in the baseline hide a regression, and says it left it out', () => {
    const withDisturbance = baseline(3, (i) => (i >= 10 && i < 18 ? 0.6 : 0.2));
    const result = judgeObjective(latency, ...windows(withDisturbance, candidate(4, 1.5)));
    expect(result.status).toBe('fail');
    expect(result.baseline.outlierPoints).toBeGreaterThanOrEqual(6);
    expect(result.reason).toContain('baseline points of a disturbance left out');
  });

  it('does not fail a healthy release after a disturbance in the baseline', () => {
    const withDisturbance = baseline(5, (i) => (i >= 10 && i < 18 ? 0.6 : 0.2));
    expect(judgeObjective(latency, ...windows(withDisturbance, candidate(6, 1))).status).toBe('pass');
  });

  it('tolerates a slow trend', () => {
    const trend = (i: number) => 0.2 * (1 + 0.004 * i);
    const rising = points(20, (i) => trend(41 + i), 8, DEPLOY + STEP);
    expect(judgeObjective(latency, ...windows(baseline(7, trend), rising)).status).toBe('pass');
  });

  it('judges "higher is better" in the other direction', () => {
    const throughput: Objective = { ...latency, name: 'throughput', direction: 'higher', query: 'sum(rate(r[1m]))' };
    expect(judgeObjective(throughput, ...windows(baseline(1), candidate(2, 0.5))).status).toBe('fail');
    expect(judgeObjective(throughput, ...windows(baseline(1), candidate(2, 2))).status).toBe('pass');
  });

  it('checks absolute bounds on the candidate median', () => {
    const bounded: Objective = { ...latency, maxRegression: undefined, max: 0.22 };
    const result = judgeObjective(bounded, ...windows([], candidate(2, 1.3), 0));
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/^candidate median 0\.2\d+ is above the max 0\.22\.$/);
  });

  it.each([
    ['no series', windows(baseline(1), [], 0), /^No data: the query returned no series for the candidate window/],
    [
      'NaN points',
      windows(
        baseline(1),
        candidate(2, 1).map(([t], i): [number, number] => [t, i < 4 ? 0.2 : NaN]),
      ),
      /4 usable of 20 expected, at least 10 needed; 16 were NaN or infinite/,
    ],
    ['no baseline', windows([], candidate(2, 1), 0), /no baseline to compare with: No data/],
  ])('is inconclusive, never a pass, with %s', (_, data, reason) => {
    const result = judgeObjective(latency, ...(data as [WindowData, WindowData]));
    expect(result.status).toBe('inconclusive');
    expect(result.reason).toMatch(reason);
  });

  describe('a first release (no series at all before deployed-at)', () => {
    const bounded: Objective = { ...latency, max: 0.3 };

    it('does not judge the regression and lets the absolute bound pass it', () => {
      const result = judgeObjective(bounded, ...windows([], candidate(2, 1), 0));
      expect(result.status).toBe('pass');
      expect(result.reason).toMatch(/^candidate median 0\.\d+ is within the max 0\.3; /);
      expect(result.reason).toContain(
        'latency regression not judged: no data before deployed-at (a first release has nothing to compare with)',
      );
      expect(result.checks.map((check) => [check.kind, check.status])).toEqual([
        ['max', 'pass'],
        ['max-regression', 'not-judged'],
      ]);
      expect(result.change).toBeNull();
    });

    it('lets the absolute bound fail it', () => {
      const result = judgeObjective(bounded, ...windows([], candidate(2, 2), 0));
      expect(result.status).toBe('fail');
      expect(result.reason).toMatch(/is above the max 0\.3\.$/);
    });

    it('decides a min bound the same way', () => {
      const throughput: Objective = { ...latency, direction: 'higher', maxRegression: 0.1, max: undefined, min: 0.1 };
      expect(judgeObjective(throughput, ...windows([], candidate(2, 1), 0)).status).toBe('pass');
      expect(judgeObjective(throughput, ...windows([], candidate(2, 0.25), 0)).status).toBe('fail');
    });

    it('stays inconclusive when the baseline has a series but too few points', () => {
      const result = judgeObjective(bounded, ...windows(baseline(1).slice(0, 3), candidate(2, 1)));
      expect(result.status).toBe('inconclusive');
      expect(result.reason).toMatch(/no baseline to compare with: Too few points in the baseline window/);
    });

    it('stays inconclusive when Prometheus could not be asked for the baseline', () => {
      const [b, c] = windows([], candidate(2, 1), 0);
      const result = judgeObjective(bounded, { ...b, unavailable: 'ECONNREFUSED' }, c);
      expect(result.status).toBe('inconclusive');
      expect(result.reason).toContain('Prometheus could not be asked for the baseline window: ECONNREFUSED');
    });

    it('does not stop early on the missing baseline', () => {
      const result = judgeObjective(bounded, ...windows([], candidate(2, 1), 0), 'early');
      expect(result.status).toBe('pending');
    });
  });

  it('is inconclusive when Prometheus could not be asked', () => {
    const [b, c] = windows(baseline(1), []);
    const result = judgeObjective(latency, b, { ...c, unavailable: 'ECONNREFUSED' });
    expect(result.status).toBe('inconclusive');
    expect(result.reason).toContain('Prometheus could not be asked for the candidate window: ECONNREFUSED');
  });

  it('stops early only on overwhelming evidence', () => {
    // A gauge: its points do not overlap, so each one is evidence of its own.
    const gauge = { ...latency, query: 'latency_p95_seconds{job="api"}' };
    const [b, c] = windows(baseline(1), []);
    const early = (count: number, factor: number) =>
      judgeObjective(
        gauge,
        b,
        { ...c, end: new Date(DEPLOY + count * STEP), points: candidate(2, factor).slice(0, count) },
        'early',
      );
    expect(early(4, 2).status).toBe('pending');
    expect(early(20, 1.1).status).toBe('pending');
    const doubled = early(20, 2);
    expect(doubled.status).toBe('fail');
    expect(doubled.reason).toMatch(/^Stopped early: with 99.9% confidence latency rose by at least \d+/);
    // The same points from a [1m] rate every 15 s carry a quarter of the evidence: not yet overwhelming.
    expect(judgeObjective(latency, b, { ...c, points: candidate(2, 2) }, 'early').status).toBe('pending');
  });
});

describe('the gate verdict', () => {
  const result = (name: string, status: 'pass' | 'fail' | 'inconclusive', weight = 1, critical = false) =>
    ({ name, status, weight, critical }) as Parameters<typeof decideGate>[0][number];
  const thresholds = { passScore: 90, warnScore: 75 };

  it('scores the weighted share that holds', () => {
    expect(decideGate([result('a', 'pass', 3), result('b', 'pass')], thresholds)).toMatchObject({
      verdict: 'pass',
      score: 100,
    });
    expect(decideGate([result('a', 'pass', 4), result('b', 'fail')], thresholds)).toMatchObject({
      verdict: 'warn',
      score: 80,
    });
    expect(decideGate([result('a', 'pass'), result('b', 'fail')], thresholds)).toMatchObject({
      verdict: 'fail',
      score: 50,
    });
  });

  it('fails on a critical objective whatever the score', () => {
    const decision = decideGate([result('a', 'pass', 9), result('b', 'fail', 1, true)], thresholds);
    expect(decision).toMatchObject({ verdict: 'fail', score: 90 });
    expect(decision.reason).toContain("Critical objective 'b' failed");
  });

  it('is inconclusive when one objective cannot be judged, unless the others already failed the gate', () => {
    expect(decideGate([result('a', 'pass', 9), result('b', 'inconclusive')], thresholds).verdict).toBe('inconclusive');
    expect(decideGate([result('a', 'fail', 1), result('b', 'inconclusive')], thresholds).verdict).toBe('fail');
    expect(
      decideGate([result('a', 'fail', 1), result('b', 'pass', 9), result('c', 'inconclusive')], thresholds).verdict,
    ).toBe('inconclusive');
  });

  it('decides early only when the failures already settle it', () => {
    expect(
      decidedEarly([result('a', 'fail', 1, true), { ...result('b', 'pass'), status: 'pending' }], thresholds)?.verdict,
    ).toBe('fail');
    expect(
      decidedEarly([result('a', 'fail', 1), { ...result('b', 'pass', 9), status: 'pending' }], thresholds),
    ).toBeUndefined();
  });
});
