import * as core from '@actions/core';
import { formatDuration } from '../action/duration.js';
import { UserError } from '../action/errors.js';
import { judgeObjectives, MIN_POINTS, type JudgeStage, type ObjectiveResult, type WindowData } from './judge.js';
import { PrometheusQueryError, PrometheusUnavailableError, type RangeSeries } from './prometheus-client.js';
import type { Objective, SloFile } from './slo-file.js';
import { decideGate, decidedEarly, type GateDecision } from './verdict.js';

export interface RangeQuerier {
  readonly url: string;
  queryRange(query: string, start: Date, end: Date, stepMs: number): Promise<RangeSeries[]>;
}

export interface GateOptions {
  slo: SloFile;
  prometheus: RangeQuerier;
  deployedAt: Date;
  baselineWindowMs: number;
  windowMs: number;
  stepMs: number;
  earlyExit: boolean;
  /** How often to look while the window fills; default the step, at least 2 s, at most 30 s. */
  pollIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ObjectiveWindows {
  baseline: WindowData;
  candidate: WindowData;
}

export interface GateEvaluation {
  decision: GateDecision;
  objectives: ObjectiveResult[];
  windows: Record<string, ObjectiveWindows>;
  stoppedEarly: boolean;
  /** How many times the data were judged (1 when the window was already past). */
  looks: number;
  deployedAt: Date;
  decidedAt: Date;
  baselineRange: { start: Date; end: Date };
  candidateRange: { start: Date; end: Date };
}

/**
 * Judges a release. When the candidate window is already over it evaluates once; otherwise it
 * looks at the data as they arrive (every poll interval, a bounded number of times) and,
 * with early exit on, stops as soon as failed objectives decide the gate. Passing is only
 * ever decided on the full window.
 */
export async function evaluateGate(options: GateOptions): Promise<GateEvaluation> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deployed = options.deployedAt.getTime();
  if (deployed > now() + 60_000) {
    throw new UserError(
      `deployed-at ${options.deployedAt.toISOString()} is in the future (now ${new Date(now()).toISOString()}): ` +
        "pass the time the release took traffic, e.g. the deploy step's deployed-at output.",
    );
  }
  const baselineRange = { start: new Date(deployed - options.baselineWindowMs), end: new Date(deployed) };
  // The first candidate point is one step after the deploy: a point at the deploy itself only sees the old release.
  const candidateRange = { start: new Date(deployed + options.stepMs), end: new Date(deployed + options.windowMs) };
  // Prometheus needs a scrape or two after a moment before its data are complete.
  const settleMs = Math.min(options.stepMs, 15_000);
  const readyAt = candidateRange.end.getTime() + settleMs;
  const poll = options.pollIntervalMs ?? Math.min(30_000, Math.max(2_000, options.stepMs));
  const baselines = new Map<string, WindowData>();
  let looks = 0;

  const look = async (stage: JudgeStage, candidateEnd: Date) => {
    looks++;
    const windows: Record<string, ObjectiveWindows> = {};
    const data = await Promise.all(
      options.slo.objectives.map(async (objective) => {
        const cached = baselines.get(objective.name);
        const [baseline, candidate] = await Promise.all([
          cached ?? fetchWindow(options.prometheus, objective, baselineRange.start, baselineRange.end, options.stepMs),
          fetchWindow(options.prometheus, objective, candidateRange.start, candidateEnd, options.stepMs),
        ]);
        if (!baseline.unavailable) baselines.set(objective.name, baseline);
        windows[objective.name] = { baseline, candidate };
        return { objective, baseline, candidate };
      }),
    );
    // One disturbance mask for all objectives: a disturbance is a time range, not a property of one query.
    return { objectives: judgeObjectives(data, stage), windows };
  };

  const finish = (
    decision: GateDecision,
    judged: { objectives: ObjectiveResult[]; windows: Record<string, ObjectiveWindows> },
    stoppedEarly: boolean,
  ): GateEvaluation => ({
    decision,
    ...judged,
    stoppedEarly,
    looks,
    deployedAt: options.deployedAt,
    decidedAt: new Date(now()),
    baselineRange,
    candidateRange,
  });

  if (now() < readyAt) {
    core.info(
      `The candidate window ends at ${candidateRange.end.toISOString()}: waiting ${formatDuration(readyAt - now())}` +
        (options.earlyExit ? ', failing early if a regression is overwhelming.' : ' (early exit is off).'),
    );
    // Bounded: at most one look per poll interval until the window is over.
    const maxLooks = Math.ceil((readyAt - now()) / poll) + 1;
    for (let index = 0; index < maxLooks && now() < readyAt; index++) {
      const firstUseful = deployed + options.stepMs * (MIN_POINTS + 1);
      if (options.earlyExit && now() >= firstUseful) {
        const judged = await look('early', new Date(Math.min(now(), candidateRange.end.getTime())));
        const early = decidedEarly(judged.objectives, options.slo);
        if (early) return finish(early, judged, true);
        core.debug(`Look ${looks}: ${judged.objectives.map((o) => `${o.name} ${o.status}`).join(', ')}`);
      }
      const wait = Math.max(0, Math.min(poll, readyAt - now()));
      if (wait > 0) await sleep(wait);
    }
  }
  const judged = await look('final', candidateRange.end);
  return finish(decideGate(judged.objectives, options.slo), judged, false);
}

async function fetchWindow(
  prometheus: RangeQuerier,
  objective: Objective,
  start: Date,
  end: Date,
  stepMs: number,
): Promise<WindowData> {
  const window: WindowData = { start, end, stepMs, points: [], seriesCount: 0 };
  if (end.getTime() < start.getTime()) return window;
  let series: RangeSeries[];
  try {
    series = await prometheus.queryRange(objective.query, start, end, stepMs);
  } catch (error) {
    if (error instanceof PrometheusQueryError) {
      throw new UserError(
        `Objective '${objective.name}': Prometheus rejected its query (${error.errorType}): ${error.prometheusMessage}. ` +
          `Fix the query in the SLO file; it was: ${objective.query}`,
      );
    }
    if (error instanceof PrometheusUnavailableError) return { ...window, unavailable: error.message };
    throw error;
  }
  if (series.length > 1) {
    const first = Object.entries(series[0]?.labels ?? {})
      .map(([key, value]) => `${key}="${value}"`)
      .join(', ');
    throw new UserError(
      `Objective '${objective.name}': the query returned ${series.length} series (the first is {${first}}), but the gate ` +
        'judges one value per moment. Aggregate it, e.g. sum(rate(...)) or histogram_quantile(0.95, sum by (le) (rate(...))).',
    );
  }
  return { ...window, points: series[0]?.points ?? [], seriesCount: series.length };
}
