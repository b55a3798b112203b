import * as core from '@actions/core';
import { formatDuration } from '../action/duration.js';
import { OUTLIER_CUT, sampleSpan } from './baseline-outliers.js';
import { STEADY_MAX_SPREAD, steadiness } from './baseline-steadiness.js';
import { formatNumber, formatPercent } from './format.js';
import { MIN_POINTS, type WindowData } from './judge.js';
import type { Direction, Objective, SloFile } from './slo-file.js';
import { median } from './statistics.js';
import { fetchWindow, type RangeQuerier } from './window-fetch.js';

/** What choosing a baseline needs of the gate's options. */
export interface BaselineOptions {
  slo: SloFile;
  prometheus: RangeQuerier;
  baselineWindowMs: number;
  /** How much further back the gate may look for a steady stretch; 0 never looks back. */
  lookbackMs?: number;
  stepMs: number;
}

/**
 * The baselines right before the deploy, unless one of them is mostly disturbance
 * (baseline-steadiness.ts). A disturbance is a time range, not a property of one query: errors
 * and latency move together, and one often shows it more clearly than the other. So when any
 * objective's baseline is not steady, every objective moves back together to the latest earlier
 * stretch of the same length where all of them are, within the look-back. When there is none, the
 * objectives whose own baseline was not steady are marked unsteady (the judge will not compare
 * against them), and the others keep theirs.
 */
export async function steadyBaselines(
  options: BaselineOptions,
  range: { start: Date; end: Date },
  name: (input: string) => string,
): Promise<Map<string, WindowData>> {
  const objectives = options.slo.objectives;
  const first = await Promise.all(
    objectives.map(async (objective) => {
      const window = await fetchWindow(options.prometheus, objective, range.start, range.end, options.stepMs, name);
      const span = sampleSpan(objective.query, options.stepMs);
      return { objective, window, steadiness: steadiness(window.points, span, options.stepMs, objective.direction) };
    }),
  );
  const unsteady = first.filter((entry) => !entry.steadiness.steady);
  if (unsteady.length === 0) return new Map(first.map(({ objective, window }) => [objective.name, window]));
  const why = unsteady
    .map(({ objective, steadiness: found }) => {
      const off = found.offWorse + found.offBetter;
      return (
        `'${objective.name}' is not one steady level in the baseline before the deploy (${clock(range.start)}–${clock(range.end)}): ` +
        `its better part spans ${formatNumber(found.spread)} noise scales (steady: at most ${STEADY_MAX_SPREAD}), ` +
        `${formatPercent(off)} of it sits far off its median, ${formatPercent(found.offBetter)} on the better side`
      );
    })
    .join('; ');
  const earlier = await earlierSteadyStretch(options, range, name);
  if (earlier) {
    const { start, end } = earlier[0]?.window ?? { start: range.start, end: range.end };
    const movedBack = `${why}; every objective compared with the steady stretch ${clock(start)}–${clock(end)} UTC instead`;
    core.info(`${movedBack}.`);
    return new Map(earlier.map(({ objective, window }) => [objective.name, { ...window, movedBack }]));
  }
  const searched =
    (options.lookbackMs ?? 0) > 0
      ? `, and no earlier stretch of the same length within ${name('baseline-lookback')} (${formatDuration(options.lookbackMs ?? 0)}) was steady for every objective`
      : ` (${name('baseline-lookback')} is 0: the gate may not look further back)`;
  return new Map(
    first.map(({ objective, window, steadiness: found }) => [
      objective.name,
      found.steady ? window : { ...window, unsteady: `${why}${searched}` },
    ]),
  );
}

/**
 * The most recent stretch as long as the baseline window, within the look-back, where every
 * objective held one steady level no worse than the release serving at the deploy; else the
 * longest steady end of the baseline window, at least half of it. The look-back is read once
 * per objective and the window slid back a sixth of its length at a time, so a steady stretch
 * between two disturbances (a bad release and its rollback, say) is found even when it does
 * not line up with whole windows.
 */
async function earlierSteadyStretch(
  options: BaselineOptions,
  range: { start: Date; end: Date },
  name: (input: string) => string,
): Promise<Array<{ objective: Objective; window: WindowData }> | undefined> {
  const lookbackMs = options.lookbackMs ?? 0;
  const windowMs = options.baselineWindowMs;
  if (lookbackMs <= 0) return undefined;
  const from = new Date(range.start.getTime() - lookbackMs);
  const until = new Date(range.end.getTime() - options.stepMs);
  const histories = await Promise.all(
    options.slo.objectives.map(async (objective) => ({
      objective,
      span: sampleSpan(objective.query, options.stepMs),
      history: await fetchHistory(options.prometheus, objective, from, until, options.stepMs, name),
    })),
  );
  if (histories.some(({ history }) => history.seriesCount === 0)) return undefined;
  // The release being replaced is the one serving right before the deploy. A steady stretch worse
  // than it is another release's (often the bad one just rolled back): never its stand-in.
  const tailStart = range.end.getTime() - windowMs / 6;
  const serving = new Map(
    histories.map(({ objective, history }) => [
      objective.name,
      finiteValues(history.points.filter(([time]) => time >= tailStart)),
    ]),
  );
  const slide = Math.max(options.stepMs, Math.floor(windowMs / 6));
  const stretch = (start: number, end: number) => {
    const windows = histories.map(({ objective, span, history }) => {
      const points = history.points.filter(([time]) => time >= start && time <= end);
      const window: WindowData = { ...history, start: new Date(start), end: new Date(end), points };
      return { objective, window, span };
    });
    // A stretch mostly before the service had data would pass for steady on a handful of points.
    const enough = Math.max(MIN_POINTS, Math.floor((0.8 * (end - start)) / options.stepMs));
    if (windows.some(({ window }) => window.points.length < enough)) return 'too little data';
    const fits = windows.every(({ objective, window, span }) => {
      const found = steadiness(window.points, span, options.stepMs, objective.direction);
      return found.steady && noWorse(window.points, serving.get(objective.name), found.scale, objective.direction);
    });
    return fits ? windows.map(({ objective, window }) => ({ objective, window })) : undefined;
  };
  for (let back = slide; back <= lookbackMs; back += slide) {
    const found = stretch(range.start.getTime() - back, range.end.getTime() - back);
    if (found === 'too little data') break;
    if (found) return found;
  }
  // No earlier full window: the serving release's own last stretch, when at least half a window
  // of it is steady (a release restored moments before this deploy has only that much).
  for (let length = windowMs - slide; length >= windowMs / 2; length -= slide) {
    const found = stretch(range.end.getTime() - length, range.end.getTime());
    if (found && found !== 'too little data') return found;
  }
  return undefined;
}

function finiteValues(points: ReadonlyArray<readonly [number, number]>): number[] {
  return points.map(([, value]) => value).filter((value) => Number.isFinite(value));
}

/**
 * Whether a steady stretch is no worse than the release serving at the deploy: its median within
 * OUTLIER_CUT noise scales of the serving level, or better (on the log scale steadiness measures
 * in when every value is positive). A better stretch (before an incident still going on) makes
 * the comparison stricter; a worse one (a bad release since rolled back) would hide a regression.
 */
function noWorse(
  points: ReadonlyArray<readonly [number, number]>,
  tail: number[] | undefined,
  scale: number,
  direction: Direction,
): boolean {
  const values = finiteValues(points);
  if (!tail || tail.length === 0 || values.length === 0) return false;
  const logScale = values.every((value) => value > 0) && tail.every((value) => value > 0);
  const level = (xs: number[]) => median(logScale ? xs.map(Math.log) : xs);
  const worseBy = (level(values) - level(tail)) * (direction === 'lower' ? 1 : -1);
  return Number.isFinite(scale) && scale > 0 ? worseBy <= OUTLIER_CUT * scale : worseBy <= 0;
}

/** One objective over a long range, in as many queries as Prometheus's point limit asks. */
async function fetchHistory(
  prometheus: RangeQuerier,
  objective: Objective,
  start: Date,
  end: Date,
  stepMs: number,
  name: (input: string) => string,
): Promise<WindowData> {
  // Prometheus refuses more than 11,000 points per series in one range query.
  const chunkMs = 10_000 * stepMs;
  const history: WindowData = { start, end, stepMs, points: [], seriesCount: 0 };
  for (let from = start.getTime(); from <= end.getTime(); from += chunkMs + stepMs) {
    const to = Math.min(end.getTime(), from + chunkMs);
    const part = await fetchWindow(prometheus, objective, new Date(from), new Date(to), stepMs, name);
    history.points.push(...part.points);
    history.seriesCount = Math.max(history.seriesCount, part.seriesCount);
  }
  return history;
}

function clock(date: Date): string {
  return date.toISOString().slice(11, 19);
}
