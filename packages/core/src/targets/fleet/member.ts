import type { DockerTarget } from '../docker/target.js';
import type { PhaseName } from '../target.js';

/** One host of a fleet: its docker target and how it is named in messages (h1, h2…). */
export interface FleetMember {
  name: string;
  host: string;
  target: DockerTarget;
}

/** Where a host stands in a release, for the deployment statuses and the job summary. */
export type HostState = 'waiting' | 'releasing' | 'switched' | 'failed' | 'switched back' | 'not switched back';

export interface HostProgress {
  name: string;
  host: string;
  state: HostState;
  /** The version it serves now, when known. */
  version?: string;
  /** Why it failed, or what happened when it was switched back. */
  detail?: string;
  phases: Array<{ name: PhaseName; ms: number; ok: boolean }>;
}

/** Records a host's progress where the run can be followed (the deployment's statuses). */
export type FleetProgress = (deploymentId: number, description: string) => Promise<void>;
