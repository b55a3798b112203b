import { createHash } from 'node:crypto';
import { acquireLease, LeaseHeldError, type KubeClient } from '../../kubernetes/index.js';
import { lockHeldError } from '../lock.js';
import type { HeldLock, LockRequest } from '../target.js';

/**
 * `paved-<service>-<environment>` as a Lease name (a DNS subdomain): lower-cased, other
 * characters made "-", and a short hash of the original when that changed it, so two
 * environments that differ only in case or punctuation never share a lock.
 */
export function leaseName(service: string, environment: string): string {
  const wanted = `paved-${service}-${environment}`;
  let name = wanted
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (name !== wanted) name = `${name.slice(0, 200)}-${createHash('sha256').update(wanted).digest('hex').slice(0, 8)}`;
  return name.slice(0, 253);
}

/**
 * The deploy lock as a coordination.k8s.io Lease in the Deployment's namespace: taken
 * atomically, naming the run that holds it, renewed while the release runs so a long rollout
 * never looks stale, and taken over when older than lock-timeout or its run has finished.
 */
export async function takeLeaseLock(
  client: KubeClient,
  where: { namespace: string; service: string; environment: string },
  request: LockRequest,
): Promise<HeldLock> {
  const name = leaseName(where.service, where.environment);
  const staleAfterSeconds = Math.max(1, Math.round(request.timeoutMs / 1000));
  let lease;
  try {
    lease = await acquireLease(client, {
      namespace: where.namespace,
      name,
      holder: request.holder,
      staleAfterSeconds,
      ...(request.holderFinished ? { holderFinished: request.holderFinished } : {}),
    });
  } catch (error) {
    if (!(error instanceof LeaseHeldError)) throw error;
    const lockedAt = new Date(error.renewedAt ?? Date.now());
    throw lockHeldError(
      `${where.service} in ${where.environment} (Lease ${where.namespace}/${name})`,
      { holder: error.holder, lockedAt },
      request.timeoutMs,
    );
  }
  const held = lease;
  // Renewed at a third of the stale age: one missed renewal never lets another run take over.
  const renewal = setInterval(
    () => {
      held.renew().catch(() => undefined);
    },
    Math.max(1_000, (staleAfterSeconds * 1000) / 3),
  );
  renewal.unref();
  return {
    holder: request.holder,
    ...(held.tookOverFrom ? { tookOverFrom: held.tookOverFrom } : {}),
    release: async () => {
      clearInterval(renewal);
      await held.release();
    },
  };
}
