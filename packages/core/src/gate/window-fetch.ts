import { UserError } from '../action/errors.js';
import { GateCannotJudgeError } from './errors.js';
import type { WindowData } from './judge.js';
import { PrometheusQueryError, PrometheusUnavailableError, type RangeSeries } from './prometheus-client.js';
import type { Objective } from './slo-file.js';

export interface RangeQuerier {
  readonly url: string;
  queryRange(query: string, start: Date, end: Date, stepMs: number): Promise<RangeSeries[]>;
}

/** What a failed request means for the gate: its configuration is wrong, or Prometheus cannot be asked. */
export function cannotJudge(error: unknown, what: string, name: (input: string) => string): unknown {
  if (error instanceof PrometheusQueryError) {
    return new GateCannotJudgeError(
      'configuration',
      `Prometheus rejected ${what} (${error.errorType}): ${error.prometheusMessage}`,
      { cause: error },
    );
  }
  if (error instanceof PrometheusUnavailableError) {
    return new GateCannotJudgeError(
      'prometheus',
      `${error.message}. Check ${name('prometheus-url')} and that the runner can reach Prometheus.`,
      { cause: error },
    );
  }
  if (error instanceof UserError && !(error instanceof GateCannotJudgeError)) {
    return new GateCannotJudgeError('configuration', error.message, { cause: error });
  }
  return error;
}

export async function fetchWindow(
  prometheus: RangeQuerier,
  objective: Pick<Objective, 'name' | 'query'>,
  start: Date,
  end: Date,
  stepMs: number,
  name: (input: string) => string,
): Promise<WindowData> {
  const window: WindowData = { start, end, stepMs, points: [], seriesCount: 0 };
  if (end.getTime() < start.getTime()) return window;
  let series: RangeSeries[];
  try {
    series = await prometheus.queryRange(objective.query, start, end, stepMs);
  } catch (error) {
    const problem = cannotJudge(error, `the query of '${objective.name}'`, name);
    if (
      problem instanceof GateCannotJudgeError &&
      problem.problem === 'configuration' &&
      error instanceof PrometheusQueryError
    ) {
      throw new GateCannotJudgeError(
        'configuration',
        `${problem.message}. Fix it in the SLO file; the query was: ${objective.query}`,
        { cause: error },
      );
    }
    throw problem;
  }
  if (series.length > 1) {
    const first = Object.entries(series[0]?.labels ?? {})
      .map(([key, value]) => `${key}="${value}"`)
      .join(', ');
    throw new GateCannotJudgeError(
      'configuration',
      `Objective '${objective.name}': the query returned ${series.length} series (the first is {${first}}), but the gate ` +
        'judges one value per moment. Aggregate it, e.g. sum(rate(...)) or histogram_quantile(0.95, sum by (le) (rate(...))).',
    );
  }
  return { ...window, points: series[0]?.points ?? [], seriesCount: series.length };
}
