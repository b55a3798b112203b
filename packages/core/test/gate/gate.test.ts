import { GateCannotJudgeError } from '../../src/gate/errors.js';
import { evaluateGate, type RangeQuerier } from '../../src/gate/gate.js';
import {
  PrometheusQueryError,
  PrometheusUnavailableError,
  type RangeSeries,
} from '../../src/gate/prometheus-client.js';
import { parseSloFile } from '../../src/gate/slo-file.js';

const SLO = parseSloFile(
  'objectives:\n  - name: latency\n    query: latency_seconds\n    direction: lower\n    max-regression: 25%\n    critical: true\n',
  'slo.yml',
);
const DEPLOY = Date.parse('2026-05-01T12:00:00Z');

/** A Prometheus whose latency is 0.2 before the deploy and `after` since, with a little noise. */
function fakePrometheus(after: number, clock: { now: number }): RangeQuerier & { calls: number } {
  return {
    url: 'http://prometheus.test',
    calls: 0,
    async queryRange(_query, start, end, stepMs): Promise<RangeSeries[]> {
      this.calls++;
      const points: Array<[number, number]> = [];
      for (let t = start.getTime(); t <= Math.min(end.getTime(), clock.now); t += stepMs) {
        const noise = 1 + 0.03 * Math.sin(t / 7_000);
        points.push([t, (t <= DEPLOY ? 0.2 : 0.2 * after) * noise]);
      }
      return [{ labels: {}, points }];
    },
  };
}

function options(after: number, clock: { now: number }, extra: object = {}) {
  return {
    slo: SLO,
    prometheus: fakePrometheus(after, clock),
    deployedAt: new Date(DEPLOY),
    baselineWindowMs: 120_000,
    windowMs: 180_000,
    stepMs: 1_000,
    earlyExit: true,
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.now += ms;
    },
    ...extra,
  };
}

describe('the gate over time', () => {
  it('judges at once when the window is past', async () => {
    const clock = { now: DEPLOY + 3_600_000 };
    const evaluation = await evaluateGate(options(1, clock));
    expect(evaluation.decision.verdict).toBe('pass');
    expect(evaluation.looks).toBe(1);
    expect(evaluation.stoppedEarly).toBe(false);
  });

  it('waits for the window, and stops early on a clear regression', async () => {
    const clock = { now: DEPLOY };
    const evaluation = await evaluateGate(options(2, clock));
    expect(evaluation.decision.verdict).toBe('fail');
    expect(evaluation.stoppedEarly).toBe(true);
    expect(evaluation.decidedAt.getTime() - DEPLOY).toBeLessThan(60_000);
  });

  it('passes only on the full window, after a bounded number of looks', async () => {
    const clock = { now: DEPLOY };
    const evaluation = await evaluateGate(options(1, clock));
    expect(evaluation.decision.verdict).toBe('pass');
    expect(evaluation.decidedAt.getTime()).toBeGreaterThanOrEqual(DEPLOY + 180_000);
    expect(evaluation.looks).toBeLessThanOrEqual(180_000 / 2_000 + 2);
  });

  it('with early exit off, looks once at the end', async () => {
    const clock = { now: DEPLOY };
    const evaluation = await evaluateGate(options(2, clock, { earlyExit: false }));
    expect(evaluation.decision.verdict).toBe('fail');
    expect(evaluation.looks).toBe(1);
    expect(evaluation.stoppedEarly).toBe(false);
  });

  it('cannot judge, at once, when Prometheus cannot be reached', async () => {
    const clock = { now: DEPLOY };
    let calls = 0;
    const down: RangeQuerier = {
      url: 'http://prometheus.test',
      queryRange: () => {
        calls++;
        return Promise.reject(new PrometheusUnavailableError('Prometheus at x could not answer: ECONNREFUSED'));
      },
    };
    const failure = await evaluateGate(options(1, clock, { prometheus: down })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GateCannotJudgeError);
    expect((failure as GateCannotJudgeError).problem).toBe('prometheus');
    expect((failure as Error).message).toMatch(/ECONNREFUSED.*Check input 'prometheus-url'/);
    // Before the window, not after it: one probe, no waiting.
    expect(calls).toBe(1);
    expect(clock.now).toBe(DEPLOY);
  });

  it('survives a Prometheus blip while the window fills, and gives up after three looks in a row', async () => {
    const clock = { now: DEPLOY };
    const healthy = fakePrometheus(1, clock);
    let downFrom = Number.POSITIVE_INFINITY;
    const flaky: RangeQuerier = {
      url: healthy.url,
      queryRange: (query, start, end, step) =>
        clock.now >= downFrom
          ? Promise.reject(new PrometheusUnavailableError('Prometheus at x could not answer: HTTP 503'))
          : healthy.queryRange(query, start, end, step),
    };
    downFrom = DEPLOY + 30_000;
    const failure = await evaluateGate(options(1, clock, { prometheus: flaky })).catch((error: unknown) => error);
    expect((failure as GateCannotJudgeError).problem).toBe('prometheus');
    expect(clock.now).toBeLessThan(DEPLOY + 60_000);
  });

  it('turns a rejected query into a configuration error naming the objective', async () => {
    const clock = { now: DEPLOY + 3_600_000 };
    const rejecting: RangeQuerier = {
      url: 'http://prometheus.test',
      queryRange: (query) =>
        query === 'vector(1)'
          ? Promise.resolve([{ labels: {}, points: [[DEPLOY, 1]] }])
          : Promise.reject(new PrometheusQueryError('bad_data', '1:8: parse error: unexpected end of input')),
    };
    const failure = await evaluateGate(options(1, clock, { prometheus: rejecting })).catch((error: unknown) => error);
    expect((failure as GateCannotJudgeError).problem).toBe('configuration');
    expect((failure as Error).message).toBe(
      "Prometheus rejected the query of 'latency' (bad_data): 1:8: parse error: unexpected end of input. " +
        'Fix it in the SLO file; the query was: latency_seconds',
    );
  });

  it('refuses a query that returns several series', async () => {
    const clock = { now: DEPLOY + 3_600_000 };
    const many: RangeQuerier = {
      url: 'http://prometheus.test',
      queryRange: async (query) =>
        query === 'vector(1)'
          ? []
          : [
              { labels: { instance: 'a' }, points: [] },
              { labels: { instance: 'b' }, points: [] },
            ],
    };
    await expect(evaluateGate(options(1, clock, { prometheus: many }))).rejects.toThrow(
      /^Objective 'latency': the query returned 2 series \(the first is \{instance="a"\}\).*Aggregate it/,
    );
  });

  it('refuses a deploy time in the future', async () => {
    const clock = { now: DEPLOY - 3_600_000 };
    await expect(evaluateGate(options(1, clock))).rejects.toThrow(
      /input 'deployed-at' 2026-05-01T12:00:00.000Z is in the future/,
    );
  });
});
