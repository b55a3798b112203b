import { steadyBaselines } from '../../src/gate/steady-baseline.js';
import type { RangeQuerier } from '../../src/gate/window-fetch.js';
import type { RangeSeries } from '../../src/gate/prometheus-client.js';
import { parseSloFile } from '../../src/gate/slo-file.js';

const SLO = parseSloFile(
  'objectives:\n  - name: latency\n    query: latency_seconds\n    direction: lower\n    max-regression: 25%\n    critical: true\n',
  'slo.yml',
);
const DEPLOY = Date.parse('2026-05-01T12:00:00Z');
const SECOND = 1_000;

/**
 * Latency as a failed release and its rollback leave it: the good release from `since`, a bad
 * one (three times slower) from 95 s to 25 s before the next deploy, the good one again after.
 */
function afterARollback(since: number, badUntil = 25 * SECOND): RangeQuerier & { queries: number } {
  return {
    url: 'http://prometheus.test',
    queries: 0,
    async queryRange(_query, start, end, stepMs): Promise<RangeSeries[]> {
      this.queries++;
      const points: Array<[number, number]> = [];
      for (let t = start.getTime(); t <= end.getTime(); t += stepMs) {
        if (t < since) continue;
        const bad = t >= DEPLOY - 95 * SECOND && t < DEPLOY - badUntil;
        points.push([t, (bad ? 0.6 : 0.2) * noise(t)]);
      }
      return points.length > 0 ? [{ labels: {}, points }] : [];
    },
  };
}

/** Measurement noise of about 3 %, the same at the same moment: a scrambled sequence, not a drift. */
const noise = (t: number) => 1 + 0.03 * ((((t / SECOND) * 7_919) % 13) / 6 - 1);

const baselineRange = { start: new Date(DEPLOY - 60 * SECOND), end: new Date(DEPLOY) };
const name = (input: string) => `input '${input}'`;

function options(prometheus: RangeQuerier, lookbackMs: number) {
  return { slo: SLO, prometheus, baselineWindowMs: 60 * SECOND, lookbackMs, stepMs: SECOND };
}

describe('a baseline disturbed by a bad release and its rollback', () => {
  it('moves back to the steady stretch before the bad release, though it does not line up with whole windows', async () => {
    const prometheus = afterARollback(DEPLOY - 160 * SECOND);
    const baseline = (await steadyBaselines(options(prometheus, 30 * 60 * SECOND), baselineRange, name)).get('latency');
    expect(baseline?.unsteady).toBeUndefined();
    expect(baseline?.movedBack).toMatch(/compared with the steady stretch 11:57:40–11:58:40 UTC instead$/);
    // The good release's level (the bad one's first seconds are outliers the mask takes out).
    const values = (baseline?.points ?? []).map(([, value]) => value).sort((a, b) => a - b);
    expect(values[Math.floor(values.length / 2)]).toBeLessThan(0.25);
    // The window right before the deploy, then the look-back in one query.
    expect(prometheus.queries).toBe(2);
  });

  it("never stands in the bad release itself; with nothing good before it, takes the restored release's last stretch", async () => {
    // Bad from 95 s to 25 s before the deploy, and nothing good before it within reach.
    const prometheus = afterARollback(DEPLOY - 100 * SECOND);
    const baseline = (await steadyBaselines(options(prometheus, 30 * 60 * SECOND), baselineRange, name)).get('latency');
    expect(baseline?.unsteady).toBeUndefined();
    expect(baseline?.movedBack).toMatch(/compared with the steady stretch 11:59:30–12:00:00 UTC instead$/);
    const values = (baseline?.points ?? []).map(([, value]) => value).sort((a, b) => a - b);
    expect(values[Math.floor(values.length / 2)]).toBeLessThan(0.25);
  });

  it('says there is no steady baseline when the restored release has served less than half a window', async () => {
    // Data for 25 s only before the bad release (no full window), and 10 s of it after.
    const prometheus = afterARollback(DEPLOY - 120 * SECOND, 10 * SECOND);
    const baseline = (await steadyBaselines(options(prometheus, 30 * 60 * SECOND), baselineRange, name)).get('latency');
    expect(baseline?.movedBack).toBeUndefined();
    expect(baseline?.unsteady).toMatch(
      /^'latency' is not one steady level in the baseline before the deploy \(11:59:00–12:00:00\).*no earlier stretch of the same length within input 'baseline-lookback' \(30m\) was steady for every objective$/,
    );
  });

  it('does not look back when the look-back is 0', async () => {
    const prometheus = afterARollback(DEPLOY - 160 * SECOND);
    const baseline = (await steadyBaselines(options(prometheus, 0), baselineRange, name)).get('latency');
    expect(baseline?.unsteady).toMatch(/input 'baseline-lookback' is 0: the gate may not look further back\)$/);
    expect(prometheus.queries).toBe(1);
  });
});
