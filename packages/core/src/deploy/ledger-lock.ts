import type { DeploymentRecord } from '../github/index.js';
import { lockHeldError } from '../targets/lock.js';
import type { HeldLock } from '../targets/index.js';

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
