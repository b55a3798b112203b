import { formatChange, formatNumber, formatPercent, formatPValue } from './format.js';
import {
  flagOutliers,
  outlierRanges,
  inOutlierRanges,
  mergeRanges,
  sampleSpan,
  type TimeRange,
} from './baseline-outliers.js';
import { overlapFactor } from './overlap.js';
import { hodgesLehmann, mannWhitney, type RankTestResult } from './rank-test.js';
import type { Objective } from './slo-file.js';
import { median, medianBound, quantileOfSorted, sorted } from './statistics.js';
import type { TrafficPolicy, TrafficSignal } from './traffic.js';

/**
 * How the judge decides, in one place:
 * - An objective's value in a window is the median of its points (robust: a spike covering a
 *   tenth of the window moves it by a tenth of a rank, not by the spike's height).
 * - `max`/`min` compare the candidate's median with the bound.
 * - `max-regression` compares the Hodges-Lehmann shift (candidate − baseline), relative to
 *   the baseline's median, with the allowed worsening, and asks a one-sided Mann-Whitney test
 *   whether the worsening is real: it fails only when the estimate is beyond the tolerance AND
 *   the test says p < 0.025 (one-sided; the conventional two-sided 5%). The tolerance keeps
 *   slow trends and shifting traffic from failing a healthy release and is the main guard
 *   against false alarms; the test vetoes a shift that noise alone could produce. At effective
 *   sizes the test is already strict (20 overlapping points can at best reach p ≈ 0.001), so
 *   a stricter level only costs detection: with 0.01 the bench detected 92% of +50%.
 * - Both tests count points at their effective number (divided by the query's overlap).
 * - The baseline is the reference, so a disturbance inside it is left out before comparing:
 *   counted at their effective number, the few remaining points could not otherwise outvote
 *   it. A disturbance is a time range shared by all objectives (see baseline-outliers.ts): points more
 *   than 5 scaled MADs from the median of the normal points (at most 30% of them) flag it;
 *   the neighbours that share samples with a flagged point and still stand out (2 MADs) are
 *   its smeared edges, since a `[1m]` rate spreads a disturbance over the minute after; and
 *   every objective leaves out the baseline points whose range window overlaps the disturbance's
 *   sample time. At least half the baseline always stays: when the shared ranges would take
 *   more, only the objective's own flagged points go. The candidate is what is on trial, so
 *   nothing is ever removed from it.
 * - Early exit asks for overwhelming evidence instead: the 99.9% one-sided confidence bound
 *   — the most favourable reading of the data — must already be beyond the limit. The data are
 *   looked at repeatedly while the window fills, and this stricter level with the tolerance
 *   margin keeps the repeated looks from adding false alarms (cf. Pocock's constant boundary,
 *   which for ~10 looks at an overall 1% needs about 0.001 per look).
 * - Too few finite points is never a pass: the objective is inconclusive.
 */
export const SIGNIFICANCE = 0.025;
export const EARLY_CONFIDENCE = 0.999;
/** Fewest finite points a window needs, and the share of its expected points. */
export const MIN_POINTS = 5;
export const MIN_COVERAGE = 0.5;

export type ObjectiveStatus = 'pass' | 'fail' | 'inconclusive' | 'pending';

/**
 * What the candidate is compared with. `before-after`: the service before the deploy (a steady
 * baseline). `canary-vs-stable`: the stable pods over the same window as the canary, so that
 * whatever changes for the whole service meanwhile (traffic, a dependency) moves both sides.
 */
export type Comparison = 'before-after' | 'canary-vs-stable';

export interface WindowData {
  start: Date;
  end: Date;
  stepMs: number;
  /** Raw points, NaN and ±Inf included. */
  points: Array<[number, number]>;
  seriesCount: number;
  /** Why Prometheus could not be asked, when it could not. */
  unavailable?: string;
  /** Baseline only: why the window right before the deploy was set aside for an earlier one. */
  movedBack?: string;
  /** Baseline only: no steady stretch was found within the look-back; why. */
  unsteady?: string;
}

/** The traffic an objective rests on, over both windows. */
export interface TrafficData {
  signal: TrafficSignal;
  policy: TrafficPolicy;
  baseline: WindowData;
  candidate: WindowData;
}

/**
 * What the gate saw of the traffic: the baseline's median rate, the candidate's lower quartile
 * (a release that lost its users for a quarter of the window or more counts as having lost them).
 */
export interface TrafficSummary {
  query: string;
  source: TrafficSignal['source'];
  baselineRate: number | null;
  candidateRate: number | null;
  /** candidateRate ÷ baselineRate. */
  share: number | null;
  status: 'enough' | 'too-low' | 'unmeasured';
  sentence: string;
}

export interface WindowSummary {
  start: string;
  end: string;
  stepSeconds: number;
  expectedPoints: number;
  /** Finite points. */
  points: number;
  nonFinite: number;
  effectivePoints: number;
  /** Baseline points left out as (or smeared by) a disturbance; see baseline-outliers.ts. */
  outlierPoints?: number;
  /** Baseline: why this stretch and not the one right before the deploy. */
  movedBack?: string;
  /** The runs of baseline points left out, first and last point of each (ISO 8601). */
  outlierRanges?: Array<{ start: string; end: string }>;
  series: number;
  median: number | null;
  p10: number | null;
  p90: number | null;
  unavailable?: string;
}

export interface CheckResult {
  kind: 'max' | 'min' | 'max-regression';
  limit: number;
  observed: number | null;
  /**
   * `not-judged`: a `max-regression` with nothing before the deploy to compare with (a first
   * release); the objective's absolute bounds decide it.
   */
  status: 'pass' | 'fail' | 'inconclusive' | 'not-judged';
  sentence: string;
}

export interface TestSummary {
  name: 'Mann-Whitney U';
  u: number;
  z: number;
  /** One-sided, in the direction that is worse. */
  pValue: number;
  probabilityOfSuperiority: number;
  effectiveBaseline: number;
  effectiveCandidate: number;
  /** Hodges-Lehmann shift (candidate − baseline) and its one-sided bounds at `confidence`. */
  shift: number;
  shiftLower: number;
  shiftUpper: number;
  confidence: number;
}

export interface ObjectiveResult {
  name: string;
  query: string;
  direction: Objective['direction'];
  weight: number;
  critical: boolean;
  status: ObjectiveStatus;
  /** The sentence that decided it. */
  reason: string;
  baseline: WindowSummary;
  candidate: WindowSummary;
  /** Candidate vs baseline: absolute difference of medians, and the relative HL shift. */
  change: { absolute: number | null; relative: number | null } | null;
  checks: CheckResult[];
  test: TestSummary | null;
  /** The traffic watched for this objective; null when none could be found. */
  traffic: TrafficSummary | null;
}

export type JudgeStage = 'final' | 'early';

export function expectedPoints(start: Date, end: Date, stepMs: number): number {
  return Math.max(0, Math.floor((end.getTime() - start.getTime()) / stepMs) + 1);
}

export interface ObjectiveData {
  objective: Objective;
  baseline: WindowData;
  candidate: WindowData;
  traffic?: TrafficData;
}

/**
 * Judges every objective of a gate against one shared disturbance mask: the time ranges that any
 * objective's baseline flags are left out of every objective's baseline.
 */
export function judgeObjectives(
  data: readonly ObjectiveData[],
  stage: JudgeStage = 'final',
  comparison: Comparison = 'before-after',
): ObjectiveResult[] {
  // Stable shares the canary's window: a disturbance in it hit both sides, so nothing is left out.
  const outliers = comparison === 'canary-vs-stable' ? [] : sharedOutlierRanges(data);
  return data.map(({ objective, baseline, candidate, traffic }) =>
    judgeObjective(objective, baseline, candidate, stage, outliers, traffic, comparison),
  );
}

/** The union of the disturbance ranges flagged in each objective's baseline (sample time). */
export function sharedOutlierRanges(data: readonly ObjectiveData[]): TimeRange[] {
  return mergeRanges(
    data
      .filter(({ baseline }) => !baseline.unavailable)
      .flatMap(({ objective, baseline }) =>
        outlierRanges(baseline.points, sampleSpan(objective.query, baseline.stepMs), baseline.stepMs),
      ),
  );
}

/**
 * Judges one objective. `outliers` is the shared outlier mask (judgeObjectives); without it,
 * the objective's own baseline is the only evidence of a disturbance.
 */
export function judgeObjective(
  objective: Objective,
  baselineWindow: WindowData,
  candidateWindow: WindowData,
  stage: JudgeStage = 'final',
  outliers?: readonly TimeRange[],
  traffic?: TrafficData,
  comparison: Comparison = 'before-after',
): ObjectiveResult {
  const sides = SIDES[comparison];
  const overlap = overlapFactor(objective.query, candidateWindow.stepMs);
  const baseline = finiteValues(baselineWindow);
  const candidate = finiteValues(candidateWindow);
  const result: ObjectiveResult = {
    name: objective.name,
    query: objective.query,
    direction: objective.direction,
    weight: objective.weight,
    critical: objective.critical,
    status: 'pending',
    reason: '',
    baseline: summarise(baselineWindow, baseline, overlap),
    candidate: summarise(candidateWindow, candidate, overlap),
    change: null,
    checks: [],
    test: null,
    traffic: traffic ? judgeTraffic(traffic, comparison) : null,
  };
  if (baselineWindow.movedBack) result.baseline.movedBack = baselineWindow.movedBack;
  const decide = (status: ObjectiveStatus, reason: string) => Object.assign(result, { status, reason });

  const missing = shortage(result.candidate, sides.candidate, candidateWindow.unavailable);
  if (missing && stage === 'final') return decide('inconclusive', missing);
  if (result.candidate.points < MIN_POINTS) return decide('pending', missing ?? 'waiting for more points');
  // A release few users reached was not verified, however good its numbers look.
  if (result.traffic?.status === 'too-low') {
    return decide(stage === 'final' ? 'inconclusive' : 'pending', `${result.traffic.sentence}.`);
  }

  const candidateMedian = result.candidate.median as number;
  const early = stage === 'early';
  for (const kind of ['max', 'min'] as const) {
    const limit = objective[kind];
    if (limit === undefined) continue;
    const side = kind === 'max' ? 'lower' : 'upper';
    // Early: the most favourable bound of the median must already be past the limit.
    const observed = early
      ? medianBound(candidate, side, EARLY_CONFIDENCE, candidate.length / overlap)
      : candidateMedian;
    const beyond = kind === 'max' ? observed > limit : observed < limit;
    const relation = kind === 'max' ? 'above' : 'below';
    const sentence = early
      ? `with ${formatPercent(EARLY_CONFIDENCE)} confidence the ${sides.candidate} median is ${relation} ${formatNumber(observed)}, past the ${kind} ${formatNumber(limit)}`
      : `${sides.candidate} median ${formatNumber(candidateMedian)} is ${beyond ? relation : 'within'} the ${kind} ${formatNumber(limit)}`;
    if (early && !beyond) continue;
    result.checks.push({ kind, limit, observed: finiteOrNull(observed), status: beyond ? 'fail' : 'pass', sentence });
  }

  if (objective.maxRegression !== undefined) {
    result.checks.push(
      judgeRegression(
        objective,
        objective.maxRegression,
        result,
        candidate,
        baselineWindow,
        overlap,
        stage,
        outliers,
        comparison,
      ),
    );
  }
  if (result.baseline.median !== null) {
    result.change = { absolute: candidateMedian - result.baseline.median, relative: result.change?.relative ?? null };
  }

  const failed = result.checks.find((check) => check.status === 'fail');
  if (failed) return decide('fail', `${early ? 'Stopped early: ' : ''}${failed.sentence}.`);
  if (early) return decide('pending', 'no overwhelming evidence yet');
  const unsure = result.checks.find((check) => check.status === 'inconclusive');
  if (unsure) return decide('inconclusive', `${unsure.sentence}.`);
  const judged = result.checks.filter((check) => check.status !== 'not-judged');
  const notJudged = result.checks.filter((check) => check.status === 'not-judged');
  return decide('pass', `${[...judged, ...notJudged].map((check) => check.sentence).join('; ')}.`);
}

function judgeRegression(
  objective: Objective,
  allowed: number,
  result: ObjectiveResult,
  candidate: number[],
  baselineWindow: WindowData,
  overlap: number,
  stage: JudgeStage,
  outliers: readonly TimeRange[] | undefined,
  comparison: Comparison,
): CheckResult {
  const sides = SIDES[comparison];
  const missing = shortage(result.baseline, sides.baseline, baselineWindow.unavailable);
  const hasBounds = objective.max !== undefined || objective.min !== undefined;
  const canary = comparison === 'canary-vs-stable';
  if (missing && canary) {
    // A canary always has stable pods beside it: no stable data means the query cannot see them.
    return {
      kind: 'max-regression',
      limit: allowed,
      observed: null,
      status: stage === 'early' ? 'pass' : 'inconclusive',
      sentence:
        `no stable pods to compare the canary with over the same window: ${missing.replace(/\.$/, '')}; ` +
        `check that the stable pods are scraped and that the query selects them through \${track} (track-label in the SLO file)`,
    };
  }
  if (missing && hasBounds && !baselineWindow.unavailable && result.baseline.series === 0) {
    // Prometheus answered, and nothing matched before the deploy: a first release has nothing to
    // compare with. Its absolute bounds judge it; without bounds it stays inconclusive (below).
    return {
      kind: 'max-regression',
      limit: allowed,
      observed: null,
      status: 'not-judged',
      sentence: `${objective.name} regression not judged: no data before deployed-at (a first release has nothing to compare with)`,
    };
  }
  if (missing) {
    return {
      kind: 'max-regression',
      limit: allowed,
      observed: null,
      status: stage === 'early' ? 'pass' : 'inconclusive',
      sentence: `no baseline to compare with: ${missing.replace(/\.$/, '')}`,
    };
  }
  if (baselineWindow.unsteady) {
    return {
      kind: 'max-regression',
      limit: allowed,
      observed: null,
      status: stage === 'early' ? 'pass' : 'inconclusive',
      sentence: `no steady baseline to compare with: ${baselineWindow.unsteady}`,
    };
  }
  const sign = objective.direction === 'lower' ? 1 : -1;
  const { kept, leftOut } = withoutOutliers(objective, baselineWindow, outliers);
  const baseline = kept.map(([, value]) => value);
  result.baseline.outlierPoints = leftOut.length;
  if (leftOut.length > 0) result.baseline.outlierRanges = runsOf(leftOut, baselineWindow.stepMs);
  result.baseline.effectivePoints = Number((kept.length / overlap).toFixed(2));
  const effective = { baseline: baseline.length / overlap, candidate: candidate.length / overlap };
  const confidence = stage === 'early' ? EARLY_CONFIDENCE : 1 - SIGNIFICANCE;
  const test = mannWhitney(baseline, candidate, effective);
  const hl = hodgesLehmann(baseline, candidate, confidence, effective);
  const baselineMedian = median(baseline);
  const relative = (shift: number) =>
    baselineMedian === 0 ? (shift === 0 ? 0 : shift * Infinity) : shift / Math.abs(baselineMedian);
  const change = relative(hl.shift);
  const worsening = sign * change;
  const pWorse = sign > 0 ? test.pHigher : test.pLower;
  result.change = { absolute: null, relative: finiteOrNull(change) };
  result.test = summariseTest(test, hl, pWorse);
  const verb = change > 0 ? 'rose' : change < 0 ? 'fell' : 'held';
  const size = (fraction: number) => (change === 0 ? '' : ` ${formatChange(Math.abs(fraction)).slice(1)}`);
  const leftOutText =
    leftOut.length > 0
      ? `, ${leftOut.length} baseline ${leftOut.length === 1 ? 'point' : 'points'} of a disturbance left out`
      : '';
  const medians = canary
    ? `stable median ${formatNumber(baselineMedian)}, canary ${formatNumber(result.candidate.median as number)} over the same window`
    : `medians ${formatNumber(baselineMedian)} → ${formatNumber(result.candidate.median as number)}${leftOutText}`;
  const moved = `${objective.name} ${verb}${size(change)} (${medians}; Hodges-Lehmann shift ${formatNumber(hl.shift)})`;
  const allowedText = `the allowed ${formatPercent(allowed)}`;
  if (stage === 'early') {
    // The most favourable end of the interval, expressed as worsening.
    const leastWorsening = sign * relative(sign > 0 ? hl.lower : hl.upper);
    const beyond = leastWorsening > allowed;
    return {
      kind: 'max-regression',
      limit: allowed,
      observed: finiteOrNull(leastWorsening),
      status: beyond ? 'fail' : 'pass',
      sentence: `with ${formatPercent(EARLY_CONFIDENCE)} confidence ${objective.name} ${sign > 0 ? 'rose' : 'fell'} by at least${size(leastWorsening)} (${medians} after ${result.candidate.points} points), more than ${allowedText}`,
    };
  }
  const beyond = worsening > allowed;
  const significant = pWorse < SIGNIFICANCE;
  const stats = `Mann-Whitney U = ${formatNumber(test.u)}, p = ${formatPValue(pWorse)}`;
  let sentence: string;
  if (beyond && significant) {
    sentence = `${moved}, more than ${allowedText}; ${stats}: not noise`;
  } else if (beyond) {
    sentence = `${moved}, beyond ${allowedText}, but the rank test cannot tell it from noise (${stats}; failing needs p < ${SIGNIFICANCE})`;
  } else if (worsening > 0) {
    sentence = `${moved}, within ${allowedText} (${stats})`;
  } else {
    sentence = `${moved}: no worse than ${canary ? 'stable' : 'the baseline'} (${stats})`;
  }
  return {
    kind: 'max-regression',
    limit: allowed,
    observed: finiteOrNull(worsening),
    status: beyond && significant ? 'fail' : 'pass',
    sentence,
  };
}

/**
 * The baseline's finite points split into those kept and those left out as a disturbance: every
 * point whose range window shares sample time with the disturbance ranges, as long as at least
 * half the points stay; otherwise only the points this objective flags itself.
 */
function withoutOutliers(
  objective: Objective,
  window: WindowData,
  outliers: readonly TimeRange[] | undefined,
): { kept: Array<[number, number]>; leftOut: Array<[number, number]> } {
  const points = window.points.filter(([, value]) => Number.isFinite(value));
  const span = sampleSpan(objective.query, window.stepMs);
  const ranges = outliers ?? outlierRanges(points, span, window.stepMs);
  let out = points.map(([time]) => inOutlierRanges(time, span, ranges));
  if (out.filter(Boolean).length * 2 > points.length) out = flagOutliers(points.map(([, value]) => value)).flags;
  return { kept: points.filter((_, i) => !out[i]), leftOut: points.filter((_, i) => out[i]) };
}

/** Consecutive points (one step apart) as runs, first and last time of each. */
function runsOf(
  points: ReadonlyArray<readonly [number, number]>,
  stepMs: number,
): Array<{ start: string; end: string }> {
  const runs: Array<{ start: number; end: number }> = [];
  for (const [time] of points) {
    const last = runs[runs.length - 1];
    if (last && time - last.end <= stepMs) last.end = time;
    else runs.push({ start: time, end: time });
  }
  return runs.map(({ start, end }) => ({ start: new Date(start).toISOString(), end: new Date(end).toISOString() }));
}

function judgeTraffic({ signal, policy, baseline, candidate }: TrafficData, comparison: Comparison): TrafficSummary {
  if (comparison === 'canary-vs-stable') return judgeCanaryTraffic({ signal, policy, baseline, candidate });
  const before = finiteValues(baseline);
  const after = sorted(finiteValues(candidate));
  const baselineRate = before.length > 0 ? median(before) : null;
  const candidateRate = after.length > 0 ? quantileOfSorted(after, 0.25) : null;
  const share =
    baselineRate !== null && candidateRate !== null && baselineRate > 0 ? candidateRate / baselineRate : null;
  const base = { query: signal.query, source: signal.source, baselineRate, candidateRate, share };
  const rate = (value: number) => `${formatNumber(value)} requests/s`;
  if (candidateRate === null) {
    return { ...base, status: 'unmeasured', sentence: 'traffic after the deploy could not be measured (no data)' };
  }
  if (candidateRate < policy.min) {
    return {
      ...base,
      status: 'too-low',
      sentence: `traffic after the deploy was ${rate(candidateRate)} (lower quartile), below the floor of ${rate(policy.min)} (traffic: min)${baselineRate !== null ? `; before it, ${rate(baselineRate)}` : ''}: too few requests to verify the release`,
    };
  }
  if (share !== null && share < policy.minShare) {
    return {
      ...base,
      status: 'too-low',
      sentence: `traffic fell to ${rate(candidateRate)} after the deploy (lower quartile) from ${rate(baselineRate as number)} before it, ${formatPercent(share)} of it, below the ${formatPercent(policy.minShare)} the gate needs (traffic: min-share): a release few users reached was not verified`,
    };
  }
  return {
    ...base,
    status: 'enough',
    sentence: `traffic ${baselineRate !== null ? `${rate(baselineRate)} before, ` : ''}${rate(candidateRate)} after the deploy (lower quartile)`,
  };
}

/**
 * A canary's traffic beside the stable pods': the canary takes a fraction of the requests by
 * design (its pods among the Service's), so its share of stable's is reported, not judged; the
 * absolute floor (traffic: min) still applies to the canary, which must have had users.
 */
function judgeCanaryTraffic({ signal, policy, baseline, candidate }: TrafficData): TrafficSummary {
  const stable = finiteValues(baseline);
  const canary = sorted(finiteValues(candidate));
  const baselineRate = stable.length > 0 ? median(stable) : null;
  const candidateRate = canary.length > 0 ? quantileOfSorted(canary, 0.25) : null;
  const share =
    baselineRate !== null && candidateRate !== null && baselineRate > 0 ? candidateRate / baselineRate : null;
  const base = { query: signal.query, source: signal.source, baselineRate, candidateRate, share };
  const rate = (value: number) => `${formatNumber(value)} requests/s`;
  const beside = baselineRate !== null ? `, stable ${rate(baselineRate)} over the same window` : '';
  if (candidateRate === null) {
    return { ...base, status: 'unmeasured', sentence: "the canary's traffic could not be measured (no data)" };
  }
  if (candidateRate === 0) {
    return {
      ...base,
      status: 'too-low',
      sentence: `the canary had no traffic for at least a quarter of the window (lower quartile 0 requests/s)${beside}: too few requests to verify the canary; check that the Service sends it traffic`,
    };
  }
  if (candidateRate < policy.min) {
    return {
      ...base,
      status: 'too-low',
      sentence: `the canary's traffic was ${rate(candidateRate)} (lower quartile)${beside}, below the floor of ${rate(policy.min)} (traffic: min): too few requests to verify the canary; check that the Service sends it traffic`,
    };
  }
  return { ...base, status: 'enough', sentence: `canary traffic ${rate(candidateRate)} (lower quartile)${beside}` };
}

/** How messages name the two windows. */
const SIDES: Record<Comparison, { baseline: string; candidate: string }> = {
  'before-after': { baseline: 'baseline', candidate: 'candidate' },
  'canary-vs-stable': { baseline: 'stable', candidate: 'canary' },
};

function shortage(window: WindowSummary, label: string, unavailable?: string): string | undefined {
  if (unavailable) return `Prometheus could not be asked for the ${label} window: ${unavailable}.`;
  const needed = Math.max(MIN_POINTS, Math.ceil(window.expectedPoints * MIN_COVERAGE));
  if (window.points >= needed) return undefined;
  if (window.series === 0) {
    return `No data: the query returned no series for the ${label} window (${window.start} to ${window.end}); check the query's labels and that the service is scraped.`;
  }
  const nonFinite =
    window.nonFinite > 0 ? `; ${window.nonFinite} were NaN or infinite (often: no traffic, so 0/0)` : '';
  return `Too few points in the ${label} window: ${window.points} usable of ${window.expectedPoints} expected, at least ${needed} needed${nonFinite}.`;
}

function finiteValues(window: WindowData): number[] {
  return window.points.map(([, value]) => value).filter((value) => Number.isFinite(value));
}

function summarise(window: WindowData, values: number[], overlap: number): WindowSummary {
  const ascending = sorted(values);
  const has = ascending.length > 0;
  return {
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    stepSeconds: window.stepMs / 1000,
    expectedPoints: expectedPoints(window.start, window.end, window.stepMs),
    points: values.length,
    nonFinite: window.points.length - values.length,
    effectivePoints: Number((values.length / overlap).toFixed(2)),
    series: window.seriesCount,
    median: has ? median(values) : null,
    p10: has ? quantileOfSorted(ascending, 0.1) : null,
    p90: has ? quantileOfSorted(ascending, 0.9) : null,
    ...(window.unavailable ? { unavailable: window.unavailable } : {}),
  };
}

function summariseTest(test: RankTestResult, hl: ReturnType<typeof hodgesLehmann>, pWorse: number): TestSummary {
  return {
    name: 'Mann-Whitney U',
    u: test.u,
    z: Number(test.z.toFixed(3)),
    pValue: pWorse,
    probabilityOfSuperiority: Number(test.probabilityOfSuperiority.toFixed(4)),
    effectiveBaseline: Number(test.effectiveBaselineSize.toFixed(2)),
    effectiveCandidate: Number(test.effectiveCandidateSize.toFixed(2)),
    shift: hl.shift,
    shiftLower: hl.lower,
    shiftUpper: hl.upper,
    confidence: hl.confidence,
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
