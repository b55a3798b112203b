import type { LedgerStatus } from './records.js';

export type GateVerdict = 'pass' | 'warn' | 'fail' | 'inconclusive';

export interface GateRecord {
  verdict: GateVerdict;
  score: number;
  at: number;
  state: LedgerStatus['state'];
  /** Objectives the reason names as failed. */
  failed: string[];
  /** Objectives the reason names as not judged. */
  unjudged: string[];
  /** The reason was cut by GitHub's 140-character description limit before it named them all. */
  truncated: boolean;
}

// deploy-quality-gate records `Quality gate: <verdict> (score <n>). <reason>` (metrics/feedback.ts);
// the reason names objectives in single quotes (metrics/verdict.ts).
const HEADER = /^Quality gate: (pass|warn|fail|inconclusive) \(score (\d{1,3}(?:\.\d+)?)\)\.\s*(.*)$/s;
const NAMES = String.raw`'[^']{1,200}'(?:, '[^']{1,200}')*`;
const FAILED = new RegExp(`(${NAMES}) failed`, 'g');
const UNJUDGED = new RegExp(`(${NAMES}) could not be judged`, 'g');
const DESCRIPTION_LIMIT = 140;

function names(list: string): string[] {
  return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

function collect(reason: string, pattern: RegExp): string[] {
  return [...new Set([...reason.matchAll(pattern)].flatMap((match) => names(match[1]!)))];
}

/** The gate's verdict from one deployment status, or undefined when the status is not the gate's. */
export function parseGateStatus(status: LedgerStatus): GateRecord | undefined {
  const match = HEADER.exec(status.description);
  if (!match) return undefined;
  const verdict = match[1] as GateVerdict;
  const reason = match[3] ?? '';
  const failed = collect(reason, FAILED);
  const unjudged = collect(reason, UNJUDGED);
  const expectsNames = verdict === 'fail' || verdict === 'warn' || verdict === 'inconclusive';
  const truncated =
    status.description.length >= DESCRIPTION_LIMIT && expectsNames && failed.length + unjudged.length === 0;
  return { verdict, score: Number(match[2]), at: status.at, state: status.state, failed, unjudged, truncated };
}
