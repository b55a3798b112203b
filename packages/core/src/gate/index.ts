// The deploy quality gate: the SLO file, Prometheus, the statistics, the verdict and the report.
// It knows nothing of GitHub; the action records and comments what it decides.
export { evaluateGate, trafficSignal } from './gate.js';
export type { GateEvaluation, GateOptions, ObjectiveWindows, RangeQuerier } from './gate.js';
export { GateCannotJudgeError } from './errors.js';
export type { CannotJudgeKind } from './errors.js';
export { INCONCLUSIVE_MODES, outcomePolicy } from './outcome.js';
export type { GateOutcome, InconclusiveMode, OutcomePolicy } from './outcome.js';
export { preflightGate } from './preflight.js';
export type { PreflightFinding, PreflightOptions } from './preflight.js';
export { formatChange, formatNumber, formatPercent, formatPValue } from './format.js';
export { judgeObjective, judgeObjectives } from './judge.js';
export type {
  Comparison,
  ObjectiveResult,
  ObjectiveStatus,
  TrafficSummary,
  WindowData,
  WindowSummary,
} from './judge.js';
export {
  parseHeaderLines,
  PrometheusClient,
  PrometheusQueryError,
  PrometheusUnavailableError,
} from './prometheus-client.js';
export type { PrometheusClientOptions, RangeSeries } from './prometheus-client.js';
export { inferTraffic } from './traffic.js';
export type { TrafficPolicy, TrafficSignal } from './traffic.js';
export { hodgesLehmann, mannWhitney } from './rank-test.js';
export { buildReport, REPORT_VERSION, writeReport } from './report.js';
export type { GateReport, GateReportObjective } from './report.js';
export { DEFAULT_TRACK_LABEL, parseSloFile, readSloFile, SloFileError } from './slo-file.js';
export type { Direction, Objective, SloFile, TrafficSettings } from './slo-file.js';
export { bindCanarySides, bindQueryVariables, CANARY_TRACK_VALUE, trackMatcher } from './query-variables.js';
export type { QueryVariables, Track } from './query-variables.js';
export { mean, median } from './statistics.js';
export { decideGate } from './verdict.js';
export type { GateDecision, ScoreThresholds, Verdict } from './verdict.js';
export {
  escapeLabelValue,
  GATE_METRIC_NAMES,
  GATE_OUTCOMES,
  GATE_PUSH_JOB,
  OBJECTIVE_DECISIONS,
  pushGateVerdict,
  verdictMetricsText,
  verdictPushUrl,
} from './verdict-metrics.js';
export type { VerdictRelease } from './verdict-metrics.js';
