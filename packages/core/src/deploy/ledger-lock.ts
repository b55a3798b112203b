import type { DeploymentRecord } from '../github/index.js';
import { lockHeldError } from '../targets/lock.js';
import type { HeldLock, Target } from '../targets/index.js';

const ACTIVE = new Set(['in_progress', 'queued', 'pending']);

/**
 * For targets that hold no lock of their own (the command target): the ledger is the lock.
 * A newer deployment of the environment still in progress, younger than the lock timeout and
 * from another run, means another deploy is running. This is a check, not an atomic lock: pair
 * it with the workflow's `concurrency:` group for hard exclusion.
 */
export async function checkLedgerLock(
  history: AsyncGenerator<DeploymentRecord>,
  options: { environment: string; runUrl: string; timeoutMs: number; now?: Date },
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
    throw lockHeldError(
      `Environment ${options.environment}`,
      { holder: latest.logUrl || `deployment ${deployment.id}`, lockedAt: created },
      options.timeoutMs,
      now,
    );
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
  options: { environment: string; runUrl: string; timeoutMs: number },
): Promise<HeldLock> {
  return target.lock
    ? target.lock({ holder: options.runUrl, timeoutMs: options.timeoutMs })
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
