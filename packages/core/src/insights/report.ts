import type { Band } from './bands.js';
import type { GateVerdict } from './gate-status.js';
import type { Spread } from './stats.js';

/** Why a release counts as a change failure, strongest evidence first. */
export type FailureCause = 'rolled-back' | 'gate-failed' | 'deploy-failed' | 'marked-failed';
export const FAILURE_CAUSES: readonly FailureCause[] = ['rolled-back', 'gate-failed', 'deploy-failed', 'marked-failed'];

export interface ReleaseRow {
  environment: string;
  deploymentId: number;
  kind: 'deploy' | 'rollback';
  version: string;
  sha: string;
  createdAt: string;
  wentLiveAt?: string;
  outcome: 'good' | 'failed' | 'unfinished';
  causes: FailureCause[];
  /** For a rollback: the deployment it took out of service. */
  rollbackOf?: number;
  /** Rollbacks that named this release. */
  rolledBackBy: number[];
  restoredAt?: string;
  restoreMs?: number;
  /** Commits this release delivered (good releases only). */
  commits?: number;
  leadTimeMedianMs?: number;
  /** The last verdict the gate recorded on it. */
  gate?: GateVerdict;
}

export interface WeekRow {
  /** Monday, YYYY-MM-DD (UTC). */
  week: string;
  releases: number;
  failed: number;
  rollbacks: number;
}

export interface ObjectiveCount {
  name: string;
  failed: number;
  unjudged: number;
}

export interface EnvironmentReport {
  environment: string;
  /** Deploys (not rollbacks) in the period with an outcome. */
  releases: number;
  /** Still running when read: not counted anywhere yet. */
  unfinished: number;
  rollbacks: number;
  /** The newest deploy ever read, in the period or not: says how stale an empty period is. */
  latestDeployAt?: string;
  frequency: { live: number; perDay: number; perWeek: number; band: Band };
  leadTime: Spread & {
    band?: Band;
    /** Good releases whose commits were measured. */
    releases: number;
    /** Set when the first good release ever recorded is in the period: nothing to compare it against. */
    unmeasuredFirstRelease?: number;
  };
  changeFailure: { failed: number; rate?: number; band?: Band; byCause: Record<FailureCause, number> };
  restore: Spread & {
    band?: Band;
    /** Failed releases that took traffic and were not restored by the end of what was read. */
    unrestored: number;
    /** Failed releases that never took traffic: the previous release kept serving, nothing to restore. */
    neverLive: number;
  };
  gate: {
    verdicts: Record<GateVerdict, number>;
    total: number;
    inconclusiveShare?: number;
    objectives: ObjectiveCount[];
    /** Verdicts whose objectives GitHub's 140-character description limit cut off. */
    unnamed: number;
  };
  weeks: WeekRow[];
  rows: ReleaseRow[];
}

export interface InsightsReport {
  repository: string;
  period: { since: string; until: string; text: string; days: number };
  generatedAt: string;
  environments: EnvironmentReport[];
  /** What reading cost: requests sent, retried after a fault, list pages read. */
  api: { requests: number; retries: number; pages: number };
  ignored: { malformed: number; notPaved: number };
  warnings: string[];
  bandSource: string;
}
