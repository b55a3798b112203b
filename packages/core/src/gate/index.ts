export { evaluateGate } from './gate.js';
export type { GateEvaluation, GateOptions, ObjectiveWindows, RangeQuerier } from './gate.js';
export { formatChange, formatNumber, formatPercent, formatPValue } from './format.js';
export {
  EARLY_CONFIDENCE,
  expectedPoints,
  judgeObjective,
  judgeObjectives,
  MIN_COVERAGE,
  MIN_POINTS,
  sharedOutlierRanges,
  SIGNIFICANCE,
} from './judge.js';
export type {
  CheckResult,
  JudgeStage,
  ObjectiveData,
  ObjectiveResult,
  ObjectiveStatus,
  TestSummary,
  WindowData,
  WindowSummary,
} from './judge.js';
export {
  flagOutliers,
  OUTLIER_CUT,
  OUTLIER_MAX_SHARE,
  outlierRanges,
  inOutlierRanges,
  mergeRanges,
  sampleSpan,
} from './baseline-outliers.js';
export type { TimeRange } from './baseline-outliers.js';
export { longestRange, overlapFactor } from './overlap.js';
export {
  parseHeaderLines,
  parseSampleValue,
  PrometheusClient,
  PrometheusQueryError,
  PrometheusUnavailableError,
} from './prometheus-client.js';
export type { PrometheusClientOptions, RangeSeries } from './prometheus-client.js';
export { hodgesLehmann, mannWhitney } from './rank-test.js';
export type { RankTestResult, ShiftEstimate } from './rank-test.js';
export { buildReport, REPORT_VERSION, writeReport } from './report.js';
export type { GateReport, GateReportObjective } from './report.js';
export { parseSloFile, readSloFile, SloFileError } from './slo-file.js';
export { bindQueryVariables } from './query-variables.js';
export type { QueryVariables } from './query-variables.js';
export type { Direction, Objective, SloFile } from './slo-file.js';
export { mean, median, medianBound, normalQuantile, normalUpperTail, quantileOfSorted, sorted } from './statistics.js';
export { decideGate, decidedEarly } from './verdict.js';
export type { GateDecision, ScoreThresholds, Verdict } from './verdict.js';
export { commentMarker, commentOnPullRequests, deploymentStateFor, recordVerdictOnDeployment } from './feedback.js';
export type { InconclusiveMode } from './feedback.js';
