import { ReleaseError, type HeldLock, type LockRequest } from '../target.js';
import type { FleetMember } from './member.js';

/**
 * Every host's lock, taken in the fleet's fixed order (so two releases racing for the same
 * fleet cannot each hold half of it and wait for the other), after every host has answered:
 * a host that cannot be reached refuses the release before any lock is taken. A lock that
 * cannot be had releases those already held, in reverse order.
 */
export async function lockEveryHost(members: readonly FleetMember[], request: LockRequest): Promise<HeldLock> {
  await connectEveryHost(members);
  const held: HeldLock[] = [];
  const releaseAll = async () => {
    const failures: string[] = [];
    for (const lock of held.splice(0).reverse()) {
      await lock.release().catch((error: unknown) => failures.push((error as Error).message));
    }
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
