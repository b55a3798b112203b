import type { ObjectiveResult } from './judge.js';

export type Verdict = 'pass' | 'warn' | 'fail' | 'inconclusive';

export interface GateDecision {
  verdict: Verdict;
  /** Weighted share of objectives that hold, 0–100 (inconclusive ones do not hold). */
  score: number;
  /** One sentence saying why. */
  reason: string;
}

export interface ScoreThresholds {
  passScore: number;
  warnScore: number;
}

/**
 * The gate's verdict, in this order: a failed critical objective fails it whatever the score;
 * an inconclusive objective makes it inconclusive unless the objectives that failed already
 * sink the score below warn-score (then it fails: no answer from the others could save it);
 * otherwise the score decides — pass at pass-score or above, warn at warn-score, else fail.
 */
export function decideGate(results: readonly ObjectiveResult[], thresholds: ScoreThresholds): GateDecision {
  const total = results.reduce((sum, result) => sum + result.weight, 0);
  const weightOf = (status: ObjectiveResult['status']) =>
    results.filter((result) => result.status === status).reduce((sum, result) => sum + result.weight, 0);
  const score = total > 0 ? round((100 * weightOf('pass')) / total) : 0;
  const failed = results.filter((result) => result.status === 'fail');
  const unsure = results.filter((result) => result.status === 'inconclusive' || result.status === 'pending');
  const names = (list: readonly ObjectiveResult[]) => list.map((result) => `'${result.name}'`).join(', ');

  const critical = failed.filter((result) => result.critical);
  if (critical.length > 0) {
    return {
      verdict: 'fail',
      score,
      reason: `Critical objective ${names(critical)} failed, which fails the gate whatever the score (${score}).`,
    };
  }
  if (unsure.length > 0) {
    const bestPossible = total > 0 ? round((100 * (total - weightOf('fail'))) / total) : 0;
    if (failed.length > 0 && bestPossible < thresholds.warnScore) {
      return {
        verdict: 'fail',
        score,
        reason: `${names(failed)} failed; even if ${names(unsure)} held, the score could reach only ${bestPossible}, below warn-score ${thresholds.warnScore}.`,
      };
    }
    return {
      verdict: 'inconclusive',
      score,
      reason: `No verdict without evidence: ${names(unsure)} could not be judged (missing or unusable data is never a pass).`,
    };
  }
  if (score >= thresholds.passScore) {
    return {
      verdict: 'pass',
      score,
      reason: `Score ${score} ≥ pass-score ${thresholds.passScore}: every objective that counts held.`,
    };
  }
  if (score >= thresholds.warnScore) {
    return {
      verdict: 'warn',
      score,
      reason: `Score ${score} is below pass-score ${thresholds.passScore} but reaches warn-score ${thresholds.warnScore}: ${names(failed)} failed.`,
    };
  }
  return {
    verdict: 'fail',
    score,
    reason: `Score ${score} is below warn-score ${thresholds.warnScore}: ${names(failed)} failed.`,
  };
}

/**
 * Whether the objectives that failed early already decide the gate: a critical one, or
 * enough weight that the score cannot reach warn-score whatever the rest do.
 */
export function decidedEarly(
  results: readonly ObjectiveResult[],
  thresholds: ScoreThresholds,
): GateDecision | undefined {
  const failed = results.filter((result) => result.status === 'fail');
  if (failed.length === 0) return undefined;
  const total = results.reduce((sum, result) => sum + result.weight, 0);
  const failedWeight = failed.reduce((sum, result) => sum + result.weight, 0);
  const bestPossible = total > 0 ? round((100 * (total - failedWeight)) / total) : 0;
  const score = total > 0 ? round((100 * weightOfPass(results)) / total) : 0;
  const critical = failed.filter((result) => result.critical);
  const names = failed.map((result) => `'${result.name}'`).join(', ');
  if (critical.length > 0) {
    return {
      verdict: 'fail',
      score,
      reason: `Critical objective ${names} failed before the window ended; stopped early.`,
    };
  }
  if (bestPossible < thresholds.warnScore) {
    return {
      verdict: 'fail',
      score,
      reason: `${names} failed before the window ended; the score can reach only ${bestPossible}, below warn-score ${thresholds.warnScore}; stopped early.`,
    };
  }
  return undefined;
}

function weightOfPass(results: readonly ObjectiveResult[]): number {
  return results.filter((result) => result.status === 'pass').reduce((sum, result) => sum + result.weight, 0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
