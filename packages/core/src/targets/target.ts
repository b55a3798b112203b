import { errorKind, UserError, type ErrorKind } from '../action/errors.js';
import type { TargetKind } from '../config/index.js';

/** One release of a service: an image pinned by digest, and where it goes. */
export interface Release {
  /** The image reference as given, pinned by digest (`name[:tag]@sha256:…`). */
  image: string;
  /** `sha256:…`, the manifest digest. */
  digest: string;
  version: string;
  /** The commit the image was built from. */
  sha: string;
  service: string;
  environment: string;
  /** The GitHub Deployment recording this release. */
  deploymentId: number;
  /** Recorded with the release so a rollback can undo its migration. */
  migrateRollback?: string[];
}

/** What a target reports as running and taking traffic. */
export interface RunningRelease {
  /** Container name, or the command target's label for what it deployed. */
  name: string;
  /** The image reference it was started from (`name@sha256:…`). */
  image?: string;
  /** The digest the target itself reports for what runs (not what Paved asked for). */
  digest?: string;
  deploymentId?: number;
  version?: string;
  sha?: string;
  /** Running and not restarting. */
  running: boolean;
  /** Why it is not running, when it is not (exit code, restarts). */
  state?: string;
  /** Host port the proxy dials, for docker releases. */
  port?: number;
  /** Recorded undo command of its migration, as argv. */
  migrateRollback?: string[];
}

/** The phases a deploy goes through, in order; each is timed for the summary. */
export const PHASES = [
  'lock',
  'record',
  'pull',
  'migrate',
  'start',
  'health',
  'switch',
  'drain',
  'stop',
  'verify',
] as const;
export type PhaseName = (typeof PHASES)[number];

/** What a target reports back while it works. */
export interface DeployHooks {
  /** Runs one phase and records how long it took. */
  phase<T>(name: PhaseName, work: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warning(message: string): void;
}

export interface DeployResult {
  running: RunningRelease;
  /** What took traffic before, if anything. */
  previous?: RunningRelease;
  /** When the new release took traffic. */
  switchedAt: Date;
  /** The environment URL the target learnt (the command target's `url=` line). */
  url?: string;
  /** True when traffic could not be switched live (no proxy): the old release stopped first. */
  downtime: boolean;
  /** Earlier releases removed because more than `retain` were kept. */
  removed: string[];
}

/** A held deploy lock; release() is safe to call more than once. */
export interface HeldLock {
  holder: string;
  /** Set when a stale lock was taken over: who held it. */
  tookOverFrom?: string;
  release(): Promise<void>;
}

/** Who is taking a lock: the run URL, so whoever meets the lock knows whom to ask. */
export interface LockRequest {
  holder: string;
  timeoutMs: number;
  /** Whether the run holding the lock has finished: its lock is taken over at once. */
  holderFinished?(holder: string): Promise<boolean>;
}

/** Whether the release to restore can still be had from its registry. */
export type ImageCheck =
  | { state: 'available' }
  | { state: 'missing'; detail: string }
  | { state: 'unreachable'; presentOnHost: boolean; detail: string };

export interface MigrateRollbackRun {
  code: number;
  /** stdout and stderr, secrets of the release replaced by ***. */
  output: string;
  /** Where it ran: `docker exec shop-staging-12`, `a one-off container of …`. */
  how: string;
}

/**
 * What a rollback asks of the host beyond the Target interface: is the old image still in its
 * registry, and run the bad release's recorded migrate-rollback.
 */
export interface RollbackHost {
  checkImage(image: string): Promise<ImageCheck>;
  runMigrateRollback(bad: { image: string; digest: string }, argv: string[]): Promise<MigrateRollbackRun>;
}

/**
 * Where releases run. The deploy flow and the rollback action speak only this interface:
 * - `lock` once per deploy or rollback (optional: targets without one rely on the ledger),
 * - `current` to ask what is running (before, to record the previous deployment; after, to
 *   verify the switch),
 * - `deploy` to release a new version,
 * - `rollback` to bring back a retained earlier release, fast.
 */
export interface Target {
  readonly kind: TargetKind;
  /** Where, for messages and the summary: `docker at ssh://deploy@host`. */
  readonly where: string;
  lock?(request: LockRequest): Promise<HeldLock>;
  current(): Promise<RunningRelease | undefined>;
  deploy(release: Release, hooks: DeployHooks): Promise<DeployResult>;
  /**
   * Brings back an earlier release. With a retained copy on the target (docker: a stopped
   * container labelled with that deployment id or digest) it is started again, checked healthy
   * and switched to in seconds; otherwise it is deployed like a new release. `release` is the
   * new record (rollback creates its own Deployment); its digest/image are the old release's.
   */
  rollback(release: Release, hooks: DeployHooks, options?: RollbackOptions): Promise<DeployResult>;
  /** What a rollback may ask beyond that (docker: registry check, migrate-rollback); absent elsewhere. */
  rollbackHost?(): RollbackHost;
  /**
   * After a run was killed outright in the middle of a release (the post step, under the lock):
   * leaves one release running and taking traffic, and says what it did. Traffic already on
   * `abandoned` stays there and the releases still running beside it stop; otherwise what
   * `abandoned` started is removed and the old release keeps (or takes back) the traffic.
   */
  settle?(abandoned: AbandonedRelease): Promise<string[]>;
  /** Removes temporary files and connections (ssh keys, multiplexed sessions). */
  dispose(): Promise<void>;
}

/** The release a killed run was making: its record and the digest it was bringing in. */
export interface AbandonedRelease {
  deploymentId: number;
  digest?: string;
}

export interface RollbackOptions {
  /** The Deployment whose retained release to prefer (its payload's id). */
  fromDeploymentId?: number;
}

/**
 * A release (deploy or rollback) that failed in a phase, with what the summary needs: the
 * phase, whether traffic had switched, and the last log lines of a release that did not come
 * up. Its kind is its cause's: a refused connection stays a platform error, a TypeError a bug;
 * without a cause it is the release's own failure (it did not become healthy), the user's.
 */
export class ReleaseError extends Error {
  readonly kind: ErrorKind;
  constructor(
    message: string,
    readonly phase: string,
    readonly details: { switched?: boolean; logs?: string; cause?: unknown; kind?: ErrorKind } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'ReleaseError';
    this.kind = details.kind ?? (details.cause === undefined ? 'user' : errorKind(details.cause));
  }
}

/** Another deploy or rollback holds the lock. Nothing was changed. */
export class LockHeldError extends UserError {
  constructor(
    message: string,
    readonly holder: string,
  ) {
    super(message);
    this.name = 'LockHeldError';
  }
}
