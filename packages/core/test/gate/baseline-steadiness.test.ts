import { steadiness } from '../../src/gate/baseline-steadiness.js';
import { mulberry32 } from '@paved/test-support/gate';

const DEPLOY = Date.parse('2026-05-01T12:00:00Z');
const STEP = 15_000;
const MINUTE = 60_000;
const START = DEPLOY - 10 * MINUTE;

/**
 * A `[1m]` rate every 15 s over a 10-minute baseline: level 1 with multiplicative noise, and
 * `level` during [fromMs, toMs) of sample time, smeared over each point's window as rate() does.
 */
function baseline(seed: number, sd: number, level = 1, fromMs = 0, toMs = 0): Array<[number, number]> {
  const random = mulberry32(seed);
  return Array.from({ length: 41 }, (_, i): [number, number] => {
    const t = START + i * STEP;
    const inside = Math.max(0, Math.min(t, toMs) - Math.max(t - MINUTE, fromMs));
    const jitter = 1 + sd * 2 * (random() + random() + random() - 1.5);
    return [t, (1 + ((level - 1) * inside) / MINUTE) * jitter];
  });
}

describe('a steady baseline', () => {
  it('is one level under noise, whatever the seed', () => {
    const unsteady = Array.from({ length: 40 }, (_, seed) => baseline(seed, 0.1)).filter(
      (points) => !steadiness(points, MINUTE, STEP, 'lower').steady,
    );
    expect(unsteady.length).toBeLessThanOrEqual(2);
  });

  it('keeps a short disturbance for the outlier mask to take out', () => {
    const points = baseline(3, 0.05, 3, DEPLOY - 7 * MINUTE, DEPLOY - 5 * MINUTE);
    expect(steadiness(points, MINUTE, STEP, 'lower').steady).toBe(true);
  });

  it.each([
    [
      'half the window, split evenly: the median sits between the levels',
      DEPLOY - 7.5 * MINUTE,
      DEPLOY - 2.5 * MINUTE,
      2,
    ],
    ['most of the window, ending at the deploy: the median sits on the disturbance', DEPLOY - 7 * MINUTE, DEPLOY, 1.6],
    ['most of the window, from its start', START, DEPLOY - 3 * MINUTE, 2],
  ])('is not %s', (_, from, to, level) => {
    const points = baseline(7, 0.08, level, from, to);
    const found = steadiness(points, MINUTE, STEP, 'lower');
    expect(found.steady).toBe(false);
    expect(found.spread).toBeGreaterThan(3.5);
  });

  it('reads "better" by direction: a drop in a higher-is-better objective is the disturbance', () => {
    const points = baseline(11, 0.05, 0.5, DEPLOY - 6 * MINUTE, DEPLOY);
    expect(steadiness(points, MINUTE, STEP, 'higher').steady).toBe(false);
    // Read as lower-is-better, the median sits on the low level and the rest is worse: too much to mask.
    const lower = steadiness(points, MINUTE, STEP, 'lower');
    expect(lower.steady).toBe(false);
    expect(lower.offWorse).toBeGreaterThan(0.3);
  });

  it('has no opinion on sparse counts that are mostly equal', () => {
    const points = baseline(1, 0).map(([t], i): [number, number] => [t, i % 13 === 0 ? 1 : 0]);
    expect(steadiness(points, MINUTE, STEP, 'lower')).toEqual(expect.objectContaining({ steady: true, scale: 0 }));
  });
});
