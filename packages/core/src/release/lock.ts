import type { DeploymentRecord } from '../github/index.js';
import { lockHeldError, type HeldLock, type Target } from '../targets/index.js';

const ACTIVE = new Set(['in_progress', 'queued', 'pending']);

export interface EnvironmentLockOptions {
  environment: string;
  runUrl: string;
  timeoutMs: number;
  /**
   * Whether the run holding a lock has finished (GitHub says so): its lock is taken over at
   * once instead of after lock-timeout, so a cancelled deploy does not block a rollback.
   */
  holderFinished?(holder: string): Promise<boolean>;
  now?: Date;
}

/**
 * For targets that hold no lock of their own (the command target): the ledger is the lock.
 * A newer deployment of the environment still in progress, younger than the lock timeout and
 * from another run that has not finished, means another release is running. This is a check,
 * not an atomic lock: pair it with the workflow's `concurrency:` group for hard exclusion.
 */
export async function checkLedgerLock(
  history: AsyncGenerator<DeploymentRecord>,
  options: EnvironmentLockOptions,
): Promise<HeldLock> {
  const now = options.now ?? new Date();
  let seen = 0;
  for await (const deployment of history) {
    if (++seen > 5) break;
    const latest = deployment.statuses[0];
    const created = new Date(deployment.createdAt);
    if (!latest || !ACTIVE.has(latest.state)) continue;
    if (now.getTime() - created.getTime() > options.timeoutMs) continue;
    if (latest.logUrl === options.runUrl) continue;
    const holder = latest.logUrl || `deployment ${deployment.id}`;
    if (latest.logUrl && (await finished(options, latest.logUrl))) {
      return { holder: options.runUrl, tookOverFrom: holder, release: async () => {} };
    }
    throw lockHeldError(`Environment ${options.environment}`, { holder, lockedAt: created }, options.timeoutMs, now);
  }
  return { holder: options.runUrl, release: async () => {} };
}

/**
 * The one lock deploy and rollback both take for an environment: the target's own lock when it
 * has one (the docker host's lock container), else the ledger check.
 */
export function acquireEnvironmentLock(
  target: Target,
  history: () => AsyncGenerator<DeploymentRecord>,
  options: EnvironmentLockOptions,
): Promise<HeldLock> {
  return target.lock
    ? target.lock({
        holder: options.runUrl,
        timeoutMs: options.timeoutMs,
        holderFinished: options.holderFinished ? (holder) => finished(options, holder) : undefined,
      })
    : checkLedgerLock(history(), options);
}

/** Runs `work` holding `lock` and releases it on every path; a release that fails only warns, as the lock goes stale. */
export async function whileLocked<T>(
  lock: HeldLock,
  warn: (message: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } finally {
    await lock.release().catch((error: unknown) => {
      warn(`Could not release the deploy lock: ${(error as Error).message}. It goes stale after lock-timeout.`);
    });
  }
}

/** Asking GitHub is best effort: when it cannot tell, the holder is taken as still running. */
async function finished(options: EnvironmentLockOptions, holder: string): Promise<boolean> {
  if (!options.holderFinished || holder === options.runUrl) return false;
  return options.holderFinished(holder).catch(() => false);
}
