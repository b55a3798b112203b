import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GateEvaluation } from './gate.js';
import type { Comparison, ObjectiveResult } from './judge.js';
import type { Verdict } from './verdict.js';

export const REPORT_VERSION = 2;

export interface GateReportObjective extends ObjectiveResult {
  /** The raw points of both windows as [Unix seconds, value]; NaN and ±Inf as null. */
  series: { baseline: Array<[number, number | null]>; candidate: Array<[number, number | null]> };
}

/** The JSON report: everything the verdict rests on, so it can be checked without the log. */
export interface GateReport {
  version: typeof REPORT_VERSION;
  verdict: Verdict;
  score: number;
  reason: string;
  environment?: string;
  prometheus: string;
  slo: { file: string; passScore: number; warnScore: number };
  deployedAt: string;
  decidedAt: string;
  /** Seconds from deployed-at to the verdict. */
  secondsAfterDeploy: number;
  stoppedEarly: boolean;
  looks: number;
  /**
   * `canary-vs-stable`: the baseline is the stable pods over the candidate's own window (the
   * canary's); `before-after`: the service before deployed-at.
   */
  comparison: Comparison;
  /** The comparison's sentence, for people. */
  compared: string;
  baselineWindow: { start: string; end: string };
  candidateWindow: { start: string; end: string };
  stepSeconds: number;
  objectives: GateReportObjective[];
}

export function buildReport(
  evaluation: GateEvaluation,
  context: {
    prometheus: string;
    slo: { file: string; passScore: number; warnScore: number };
    stepMs: number;
    environment?: string;
  },
): GateReport {
  return {
    version: REPORT_VERSION,
    verdict: evaluation.decision.verdict,
    score: evaluation.decision.score,
    reason: evaluation.decision.reason,
    ...(context.environment ? { environment: context.environment } : {}),
    prometheus: context.prometheus,
    slo: context.slo,
    deployedAt: evaluation.deployedAt.toISOString(),
    decidedAt: evaluation.decidedAt.toISOString(),
    secondsAfterDeploy: Math.round((evaluation.decidedAt.getTime() - evaluation.deployedAt.getTime()) / 100) / 10,
    stoppedEarly: evaluation.stoppedEarly,
    looks: evaluation.looks,
    comparison: evaluation.comparison,
    compared:
      evaluation.comparison === 'canary-vs-stable'
        ? 'the canary against the stable pods over the same window'
        : 'the release after deployed-at against the service before it',
    baselineWindow: {
      start: evaluation.baselineRange.start.toISOString(),
      end: evaluation.baselineRange.end.toISOString(),
    },
    candidateWindow: {
      start: evaluation.candidateRange.start.toISOString(),
      end: evaluation.candidateRange.end.toISOString(),
    },
    stepSeconds: context.stepMs / 1000,
    objectives: evaluation.objectives.map((objective) => {
      const windows = evaluation.windows[objective.name];
      const points = (list: Array<[number, number]> | undefined) =>
        (list ?? []).map(([time, value]): [number, number | null] => [
          time / 1000,
          Number.isFinite(value) ? value : null,
        ]);
      return {
        ...objective,
        series: { baseline: points(windows?.baseline.points), candidate: points(windows?.candidate.points) },
      };
    }),
  };
}

/** Writes the report as JSON (non-finite numbers become null) and returns its path. */
export function writeReport(report: GateReport, file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
