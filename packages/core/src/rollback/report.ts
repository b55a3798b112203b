import type { TimedPhase } from '../release/index.js';
import type { PhaseName } from '../targets/index.js';
import type { RecordTrust, RestoreTarget } from './choose.js';

export type RollbackPhaseName = 'plan' | 'image' | 'migrate-rollback' | PhaseName;

export type RollbackPhaseTiming = TimedPhase<RollbackPhaseName>;

/** The release being replaced. */
export interface RolledBackRelease {
  deploymentId?: number;
  image?: string;
  digest?: string;
  version?: string;
  sha?: string;
  /** Who recorded its deployment. */
  creator?: string;
  /** When it first went live (its first success status), ISO 8601. */
  wentLiveAt?: string;
  /** Its latest failure or error description before the rollback: which check failed and by how much. */
  failure?: string;
  /** The run that recorded that failure, and when. */
  failureLogUrl?: string;
  failedAt?: string;
  /** When its deployment was created. */
  createdAt?: string;
  /** The run that deployed it. */
  logUrl?: string;
}

export interface MigrateRollbackOutcome {
  command: string;
  at: 'before' | 'after';
  outcome: 'success' | 'failure' | 'skipped';
  ms: number;
  how?: string;
  output?: string;
}

/** Everything a rollback did, for the outputs, the summary, the incident issue and the bench. */
export interface RollbackReport {
  environment: string;
  service: string;
  where: string;
  /** refused: nothing was changed (no good release, image gone, locked…). */
  outcome: 'success' | 'failure' | 'refused';
  reason?: string;
  actor?: string;
  runUrl: string;
  /** The Deployment recording the rollback. */
  deploymentId?: number;
  from?: RolledBackRelease;
  to?: RestoreTarget;
  /** A retained release was started again and switched back to, rather than redeployed. */
  fastPath?: boolean;
  url?: string;
  startedAt: string;
  /** When the restored release took traffic again. */
  restoredAt?: string;
  /** From the start of the rollback to the restored release taking traffic. */
  timeToRestoreMs?: number;
  /** From the bad release going live to the rollback's success. */
  badForMs?: number;
  migrateRollback?: MigrateRollbackOutcome;
  /** The bad deployment was given a failure status naming the rollback. */
  badMarked: boolean;
  phases: RollbackPhaseTiming[];
  totalMs: number;
  warnings: string[];
  error?: string;
  incident?: { number: number; url: string; created: boolean };
  /** What reading history cost: GitHub API requests, deployments listed, statuses read. */
  history?: {
    apiCalls: number;
    depth: number;
    listed?: number;
    statusReads?: number;
    /** The listing stopped at the depth with older history unread. */
    reachedDepth?: boolean;
  };
  /** How the deployment records were authenticated. */
  records?: RecordTrust;
}
