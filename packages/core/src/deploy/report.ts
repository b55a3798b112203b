import type { PhaseName, RunningRelease } from '../targets/index.js';
import type { TimedPhase } from '../release/index.js';

export type PhaseTiming = TimedPhase<PhaseName>;

/** Everything a deploy did, for the outputs, the summary and the bench. */
export interface DeployReport {
  environment: string;
  service: string;
  /** `docker at ssh://deploy@web1`. */
  where: string;
  outcome: 'success' | 'failure';
  deploymentId?: number;
  image: string;
  digest: string;
  version: string;
  sha: string;
  url?: string;
  /** When the new release took traffic (ISO 8601). */
  deployedAt?: string;
  previous?: RunningRelease;
  running?: RunningRelease;
  phases: PhaseTiming[];
  totalMs: number;
  warnings: string[];
  /** The error message when the deploy failed. */
  error?: string;
  /** The phase it failed in. */
  failedPhase?: PhaseName;
  /** Last log lines of the release that did not come up (secrets replaced by ***). */
  logs?: string;
  /** Traffic went to the new release before the failure. */
  switched: boolean;
  downtime: boolean;
  removed: string[];
  /** GitHub holds the final status (false when GitHub was down after the switch). */
  recorded: boolean;
  lockTakenOverFrom?: string;
  /** Deployment marker: pushed, failed (with a warning), or not configured. */
  marker: 'pushed' | 'failed' | 'off';
}
