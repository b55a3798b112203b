import { ReleaseError, type HeldLock, type LockRequest } from '../target.js';
import type { FleetMember } from './member.js';

/**
 * Every host's lock, taken in the fleet's fixed order (so of two releases racing for the same
 * fleet, the one that has the first host has them all, instead of each holding half and both
 * giving up), after every host has answered: a host that cannot be reached refuses the release
 * before any lock is taken. The connections open at once; only the lock containers' creation is
 * in order, one engine call per host. A lock that cannot be had releases those already held.
 * Releasing needs no order, so every host's lock goes at once.
 */
export async function lockEveryHost(members: readonly FleetMember[], request: LockRequest): Promise<HeldLock> {
  await connectEveryHost(members);
  const held: HeldLock[] = [];
  const releaseAll = async () => {
    const settled = await Promise.allSettled(held.splice(0).map((lock) => lock.release()));
    const failures = settled.flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as Error).message] : [],
    );
    if (failures.length > 0) throw new Error(failures.join('; '));
  };
  try {
    for (const member of members) held.push(await member.target.lock(request));
  } catch (error) {
    await releaseAll().catch(() => undefined);
    throw error;
  }
  let released: Promise<void> | undefined;
  return {
    holder: request.holder,
    tookOverFrom: held.find((lock) => lock.tookOverFrom)?.tookOverFrom,
    release: () => (released ??= releaseAll()),
  };
}

/** Opens every host's SSH connection at once; the first host that fails is named. */
async function connectEveryHost(members: readonly FleetMember[]): Promise<void> {
  const settled = await Promise.allSettled(members.map((member) => member.target.open()));
  const failed = settled.findIndex((result) => result.status === 'rejected');
  if (failed === -1) return;
  const member = members[failed]!;
  const reason = (settled[failed] as PromiseRejectedResult).reason as Error;
  throw new ReleaseError(
    `${member.name} (${member.host}) cannot be reached, so no host was locked or changed: ${reason.message}`,
    'lock',
    { cause: reason, switched: false },
  );
}
