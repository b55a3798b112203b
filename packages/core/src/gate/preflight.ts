import { GateCannotJudgeError } from './errors.js';
import { trafficSignal, type RangeQuerier } from './gate.js';
import { MIN_COVERAGE, MIN_POINTS, expectedPoints } from './judge.js';
import { PrometheusQueryError, PrometheusUnavailableError } from './prometheus-client.js';
import type { SloFile } from './slo-file.js';

/**
 * The gate's configuration checked before anything goes live: Prometheus answers, it accepts
 * every resolved query (its own parser is the judge of PromQL), each query returns one series,
 * and there are data to compare with in a baseline window ending now.
 */
export interface PreflightFinding {
  /** What was checked: `Prometheus`, `objective 'error-rate'`, `traffic of 'latency'`. */
  subject: string;
  query?: string;
  status: 'ok' | 'warning' | 'error';
  message: string;
}

export interface PreflightOptions {
  slo: SloFile;
  prometheus: RangeQuerier;
  baselineWindowMs: number;
  stepMs: number;
  now?: () => number;
  /** How messages name an input: the repository variable a template set it from, or the input. */
  describeInput?: (input: string) => string;
}

export async function preflightGate(options: PreflightOptions): Promise<PreflightFinding[]> {
  const now = (options.now ?? Date.now)();
  const name = options.describeInput ?? ((input: string) => `input '${input}'`);
  const end = new Date(now);
  const start = new Date(now - options.baselineWindowMs);
  try {
    await options.prometheus.queryRange('vector(1)', new Date(now - options.stepMs), end, options.stepMs);
  } catch (error) {
    if (error instanceof PrometheusUnavailableError) {
      throw new GateCannotJudgeError(
        'prometheus',
        `${error.message}. Check ${name('prometheus-url')} and that the runner can reach Prometheus.`,
        { cause: error },
      );
    }
    throw error;
  }
  const findings: PreflightFinding[] = [
    { subject: 'Prometheus', status: 'ok', message: `${options.prometheus.url} answers` },
  ];
  const queries: Array<{ subject: string; query: string; hasBounds: boolean }> = [];
  for (const objective of options.slo.objectives) {
    const hasBounds = objective.max !== undefined || objective.min !== undefined;
    queries.push({ subject: `objective '${objective.name}'`, query: objective.query, hasBounds });
    const signal = trafficSignal(options.slo, objective);
    if (signal && signal.source !== 'slo-file') {
      queries.push({
        subject: `traffic of '${objective.name}' (from its query)`,
        query: signal.query,
        hasBounds: true,
      });
    }
  }
  if (options.slo.traffic.query) {
    queries.push({ subject: 'traffic (the SLO file)', query: options.slo.traffic.query, hasBounds: true });
  }
  const expected = expectedPoints(start, end, options.stepMs);
  const needed = Math.max(MIN_POINTS, Math.ceil(expected * MIN_COVERAGE));
  for (const { subject, query, hasBounds } of queries) {
    findings.push(
      await checkQuery(
        options.prometheus,
        { subject, query, hasBounds },
        { start, end, expected, needed },
        options.stepMs,
        name,
      ),
    );
  }
  return findings;
}

async function checkQuery(
  prometheus: RangeQuerier,
  { subject, query, hasBounds }: { subject: string; query: string; hasBounds: boolean },
  window: { start: Date; end: Date; expected: number; needed: number },
  stepMs: number,
  name: (input: string) => string,
): Promise<PreflightFinding> {
  const base = { subject, query };
  try {
    const series = await prometheus.queryRange(query, window.start, window.end, stepMs);
    if (series.length > 1) {
      return {
        ...base,
        status: 'error',
        message: `returns ${series.length} series; the gate judges one value per moment: aggregate it (sum(...), histogram_quantile(0.95, sum by (le) (...)))`,
      };
    }
    const finite = (series[0]?.points ?? []).filter(([, value]) => Number.isFinite(value)).length;
    const span = `${window.start.toISOString()} to ${window.end.toISOString()}`;
    if (series.length === 0 || finite < window.needed) {
      const what =
        series.length === 0
          ? `no data from ${span}: check its labels (and \${environment}, bound from ${name('environment')}) and that the service is scraped`
          : `only ${finite} usable points of ${window.expected} from ${span} (at least ${window.needed} needed; NaN often means no traffic)`;
      // Bounds still judge a release with nothing before it; a comparison alone would be inconclusive.
      return hasBounds
        ? {
            ...base,
            status: 'warning',
            message: `${what}. Its bounds still judge a release; a comparison with the baseline will be inconclusive.`,
          }
        : {
            ...base,
            status: 'error',
            message: `${what}. With nothing to compare with, the gate would be inconclusive.`,
          };
    }
    return {
      ...base,
      status: 'ok',
      message: `Prometheus accepts it; ${finite} of ${window.expected} points in the last ${window.expected > 0 ? span : 'window'}`,
    };
  } catch (error) {
    if (error instanceof PrometheusQueryError) {
      return {
        ...base,
        status: 'error',
        message: `Prometheus rejects it (${error.errorType}): ${error.prometheusMessage}`,
      };
    }
    if (error instanceof PrometheusUnavailableError) {
      throw new GateCannotJudgeError('prometheus', `${error.message}. Check ${name('prometheus-url')}.`, {
        cause: error,
      });
    }
    throw error;
  }
}
