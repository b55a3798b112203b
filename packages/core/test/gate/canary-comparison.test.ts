import { evaluateGate, type RangeQuerier } from '../../src/gate/gate.js';
import type { RangeSeries } from '../../src/gate/prometheus-client.js';
import { bindCanarySides, bindQueryVariables } from '../../src/gate/query-variables.js';
import { buildReport } from '../../src/gate/report.js';
import { parseSloFile } from '../../src/gate/slo-file.js';
import { qualityGateMarkdown } from '../../src/summary/quality-gate.js';

// A canary judged against the stable pods over its own window. Prometheus is stubbed at its HTTP
// boundary: it answers by the track matcher the query carries, as a real one would by label.
const FILE = parseSloFile(
  `objectives:
  - name: latency
    query: avg(latency_seconds{job="shop", \${track}})
    direction: lower
    max-regression: 20%
    critical: true
traffic:
  query: sum(rate(http_requests_total{job="shop", \${track}}[1m]))
  min: 1
`,
  'slo.yml',
);
const DEPLOY = Date.parse('2026-05-01T12:00:00Z');
const STEP = 5_000;

interface World {
  /** Latency of the stable pods after the deploy (before it, 0.2 everywhere). */
  stableAfter: number;
  /** Latency of the canary's pods. */
  canary: number;
  /** Requests per second to the canary's pod, and to the three stable ones together. */
  canaryTraffic?: number;
  /** The stable pods' series are missing (say, not scraped). */
  stableMissing?: boolean;
  /** Prometheus's clock: no points after it. */
  clock?: { now: number };
}

type Asked = { track: 'canary' | 'stable' | 'all'; traffic: boolean; start: number; end: number };

function stubPrometheus(world: World): RangeQuerier & { asked: Asked[] } {
  const asked: Asked[] = [];
  const noise = (t: number, seed: number) => 1 + 0.04 * Math.sin(t / 9_000 + seed) * Math.cos(t / 23_000 + 2 * seed);
  return {
    url: 'http://prometheus.test',
    asked,
    async queryRange(query, start, end, stepMs): Promise<RangeSeries[]> {
      if (query === 'vector(1)') return [{ labels: {}, points: [[end.getTime(), 1]] }];
      const track = query.includes('paved_dev_track="canary"')
        ? 'canary'
        : query.includes('paved_dev_track!="canary"')
          ? 'stable'
          : query.includes('paved_dev_track=~".*"')
            ? 'all'
            : undefined;
      if (!track) throw new Error(`the stub was asked a query without a track matcher: ${query}`);
      const traffic = query.includes('http_requests_total');
      asked.push({ track, traffic, start: start.getTime(), end: end.getTime() });
      if (track === 'stable' && world.stableMissing) return [];
      const points: Array<[number, number]> = [];
      const last = Math.min(end.getTime(), world.clock?.now ?? Infinity);
      for (let t = start.getTime(); t <= last; t += stepMs) {
        const after = t > DEPLOY;
        const stable = after ? world.stableAfter : 0.2;
        const canaryTraffic = world.canaryTraffic ?? 25;
        const value = traffic
          ? { canary: canaryTraffic, stable: 75, all: 75 + (after ? canaryTraffic : 0) }[track]
          : {
              canary: world.canary,
              stable,
              // Three stable pods and, after the deploy, the canary's one.
              all: after ? (3 * stable + world.canary) / 4 : stable,
            }[track];
        points.push([t, value * noise(t, track === 'canary' ? 1 : 2)]);
      }
      return [{ labels: {}, points }];
    },
  };
}

function judge(world: World, canary: boolean, live?: { now: number }) {
  const sides = bindCanarySides(FILE, {});
  const prometheus = stubPrometheus(world);
  const evaluation = evaluateGate({
    slo: canary ? sides.canary : bindQueryVariables(FILE, {}),
    ...(canary ? { canary: { stable: sides.stable } } : {}),
    prometheus,
    deployedAt: new Date(DEPLOY),
    baselineWindowMs: 600_000,
    lookbackMs: 0,
    windowMs: 600_000,
    stepMs: STEP,
    earlyExit: true,
    now: () => live?.now ?? DEPLOY + 3_600_000,
    sleep: async (ms: number) => {
      if (live) live.now += ms;
    },
  });
  return { evaluation, prometheus };
}

describe('a canary judged against the stable pods over the same window', () => {
  it('passes a canary as good as stable while the whole service got slower, which before/after would fail', async () => {
    // A surge doubles everyone's latency from the deploy on: the canary is no worse than its neighbours.
    const world = { stableAfter: 0.4, canary: 0.4 };
    const { evaluation, prometheus } = judge(world, true);
    const judged = await evaluation;
    expect(judged.comparison).toBe('canary-vs-stable');
    expect(judged.decision.verdict).toBe('pass');
    const [latency] = judged.objectives;
    expect(latency!.status).toBe('pass');
    expect(latency!.reason).toMatch(
      /^latency (rose|fell|held)[^(]*\(stable median 0\.4\d*, canary 0\.4\d* over the same window; Hodges-Lehmann shift [^)]*\)(: no worse than stable|, within the allowed 20%) \(Mann-Whitney U = /,
    );
    // Both sides were asked over the canary's window; nothing before the deploy.
    const window = { start: DEPLOY + STEP, end: DEPLOY + 600_000 };
    expect(prometheus.asked).toEqual(
      expect.arrayContaining([
        { track: 'canary', traffic: false, ...window },
        { track: 'stable', traffic: false, ...window },
        { track: 'canary', traffic: true, ...window },
        { track: 'stable', traffic: true, ...window },
      ]),
    );
    expect(prometheus.asked.every((ask) => ask.start > DEPLOY && ask.track !== 'all')).toBe(true);
    expect(judged.baselineRange).toEqual(judged.candidateRange);

    // The same data judged before against after: the surge reads as a regression.
    const before = await judge(world, false).evaluation;
    expect(before.comparison).toBe('before-after');
    expect(before.decision.verdict).toBe('fail');
  });

  it('fails a canary slower than the stable pods beside it, saying what it compared', async () => {
    const judged = await judge({ stableAfter: 0.2, canary: 0.32 }, true).evaluation;
    expect(judged.decision.verdict).toBe('fail');
    const [latency] = judged.objectives;
    expect(latency!.status).toBe('fail');
    expect(latency!.reason).toMatch(
      /^latency rose 6\d(\.\d)?% \(stable median 0\.2\d*, canary 0\.3\d* over the same window; .*more than the allowed 20%; Mann-Whitney U = .*: not noise\.$/,
    );
    expect(latency!.test?.effectiveBaseline).toBeGreaterThan(5);
  });

  it('fails the canary even when the service as a whole still looks fine before/after', async () => {
    // One canary pod among four: its +60% moves the whole service's average by 15%, within 20%.
    const world = { stableAfter: 0.2, canary: 0.32 };
    expect((await judge(world, false).evaluation).decision.verdict).toBe('pass');
    expect((await judge(world, true).evaluation).decision.verdict).toBe('fail');
  });

  it('looks at both sides as the window fills and stops early on an overwhelming regression', async () => {
    const clock = { now: DEPLOY };
    const judged = await judge({ stableAfter: 0.4, canary: 1.2, clock }, true, clock).evaluation;
    expect(judged.decision.verdict).toBe('fail');
    expect(judged.stoppedEarly).toBe(true);
    expect(judged.looks).toBeGreaterThan(1);
    expect(judged.decidedAt.getTime()).toBeLessThan(DEPLOY + 600_000);
    expect(judged.objectives[0]!.reason).toMatch(/^Stopped early: with 99\.9% confidence latency rose by at least /);
    // Stable was asked over exactly what the canary had at that look.
    expect(judged.objectives[0]!.baseline.end).toBe(judged.objectives[0]!.candidate.end);
  });

  it('is inconclusive when the stable pods have no data, saying what to check', async () => {
    const judged = await judge({ stableAfter: 0.2, canary: 0.2, stableMissing: true }, true).evaluation;
    expect(judged.decision.verdict).toBe('inconclusive');
    const [latency] = judged.objectives;
    expect(latency!.status).toBe('inconclusive');
    expect(latency!.reason).toBe(
      'no stable pods to compare the canary with over the same window: No data: the query returned no series for the ' +
        `stable window (${new Date(DEPLOY + STEP).toISOString()} to ${new Date(DEPLOY + 600_000).toISOString()}); ` +
        "check the query's labels and that the service is scraped; check that the stable pods are scraped and that " +
        'the query selects them through ${track} (track-label in the SLO file).',
    );
  });

  it("reports the canary's share of the traffic without judging it, and holds back a canary nobody reached", async () => {
    const good = await judge({ stableAfter: 0.2, canary: 0.2 }, true).evaluation;
    const traffic = good.objectives[0]!.traffic!;
    expect(traffic.status).toBe('enough');
    expect(traffic.share).toBeCloseTo(1 / 3, 1);
    expect(traffic.sentence).toMatch(
      /^canary traffic 2\d(\.\d+)? requests\/s \(lower quartile\), stable 7\d(\.\d+)? requests\/s over the same window$/,
    );

    const unreached = await judge({ stableAfter: 0.2, canary: 0.2, canaryTraffic: 0.2 }, true).evaluation;
    expect(unreached.decision.verdict).toBe('inconclusive');
    expect(unreached.objectives[0]!.reason).toMatch(
      /^the canary's traffic was 0\.\d+ requests\/s \(lower quartile\), stable 7\d(\.\d+)? requests\/s over the same window, below the floor of 1 requests\/s \(traffic: min\): too few requests to verify the canary; check that the Service sends it traffic\.$/,
    );

    const none = await judge({ stableAfter: 0.2, canary: 0.2, canaryTraffic: 0 }, true).evaluation;
    expect(none.decision.verdict).toBe('inconclusive');
    expect(none.objectives[0]!.reason).toMatch(
      /^the canary had no traffic for at least a quarter of the window \(lower quartile 0 requests\/s\), stable 7\d(\.\d+)? requests\/s over the same window: too few requests to verify the canary; check that the Service sends it traffic\.$/,
    );
  });

  it('states in the report and the summary that it compared canary and stable over the same window', async () => {
    const judged = await judge({ stableAfter: 0.4, canary: 0.4 }, true).evaluation;
    const report = buildReport(judged, {
      prometheus: 'http://prometheus.test',
      slo: { file: 'slo.yml', passScore: 90, warnScore: 75 },
      stepMs: STEP,
      environment: 'production',
    });
    expect(report.comparison).toBe('canary-vs-stable');
    expect(report.compared).toBe('the canary against the stable pods over the same window');
    expect(report.baselineWindow).toEqual(report.candidateWindow);
    const markdown = qualityGateMarkdown(report);
    expect(markdown).toContain(
      `**canary vs stable over the same window** ${report.candidateWindow.start} → ${report.candidateWindow.end}`,
    );
    expect(markdown).toContain(
      '| Objective | Result | Stable median | Canary median | Change | Points (stable / canary) |',
    );
    expect(markdown).toContain('latency: canary and stable over the same window');
    expect(markdown).not.toContain('baseline before 0');
  });
});
