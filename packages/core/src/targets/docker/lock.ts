import { PlatformError } from '../../action/errors.js';
import {
  createIdleContainer,
  forceRemoveContainer,
  idleContainerArgs,
  inspectContainer,
  type DockerClient,
  type IdleContainerSpec,
} from '../../docker/index.js';
import { isStale, lockHeldError, type LockInfo } from '../lock.js';
import { PAVED_LABELS, lockName } from '../naming.js';
import type { HeldLock, LockRequest } from '../target.js';

/** A tiny image (an empty file system) that lock containers are created from; never run. */
export const LOCK_IMAGE = 'paved/lock:1';

/**
 * The deploy lock on a Docker host, like Kamal's lock directory but reachable with the docker
 * CLI alone (so it works over ssh:// too): a created, never started container named
 * `paved-lock-<service>-<environment>`. Creating a container is atomic on the engine — a name
 * conflict means someone holds it — and its labels name the holder and the time.
 */
export class DockerLock {
  constructor(
    private readonly docker: DockerClient,
    private readonly service: string,
    private readonly environment: string,
  ) {}

  get name(): string {
    return lockName(this.service, this.environment);
  }

  async acquire(request: LockRequest, now: () => Date = () => new Date()): Promise<HeldLock> {
    let tookOverFrom: string | undefined;
    let imported = false;
    for (let attempt = 0; attempt < 3; attempt++) {
      // One engine call in the common case: the lock image is made only when the engine lacks it.
      const created = await createIdleContainer(this.docker, lockContainerSpec(this.name, request.holder, now()));
      if ('created' in created) return this.held(created.created, request.holder, tookOverFrom);
      if ('noImage' in created) {
        if (imported)
          throw new PlatformError(
            'Docker',
            `The engine lacks ${LOCK_IMAGE} right after importing it: check its storage`,
          );
        await this.importImage();
        imported = true;
        continue;
      }
      const existing = await this.read();
      if (!existing) continue; // Released between our create and inspect: try again.
      const abandoned =
        isStale(existing.info, request.timeoutMs, now()) ||
        (existing.info.holder !== request.holder && (await request.holderFinished?.(existing.info.holder)));
      if (!abandoned) {
        throw lockHeldError(`${this.service} in ${this.environment}`, existing.info, request.timeoutMs, now());
      }
      // Removed by ID, not by name: if another run took the stale lock over first, its fresh
      // lock has another ID and stays.
      await forceRemoveContainer(this.docker, existing.id).catch(() => undefined);
      tookOverFrom = existing.info.holder;
    }
    const existing = await this.read();
    throw lockHeldError(
      `${this.service} in ${this.environment}`,
      existing?.info ?? { holder: 'another run', lockedAt: now() },
      request.timeoutMs,
      now(),
    );
  }

  /** Who holds the lock now, if anyone. */
  async read(): Promise<{ id: string; info: LockInfo } | undefined> {
    const found = await inspectContainer(this.docker, this.name);
    if (!found) return undefined;
    const parsed = found.Config.Labels;
    return {
      id: found.Id,
      info: {
        holder: parsed?.[PAVED_LABELS.holder] ?? 'an unknown run',
        lockedAt: new Date(parsed?.[PAVED_LABELS.lockedAt] ?? 'invalid'),
      },
    };
  }

  private held(id: string, holder: string, tookOverFrom: string | undefined): HeldLock {
    let released = false;
    return {
      holder,
      tookOverFrom,
      release: async () => {
        if (released) return;
        // An SSH link that just dropped usually comes back: try a few times before giving up.
        for (let attempt = 1; ; attempt++) {
          try {
            await forceRemoveContainer(this.docker, id);
            released = true;
            return;
          } catch (error) {
            if (attempt === 5) throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, attempt * 1_000));
        }
      },
    };
  }

  private async importImage(): Promise<void> {
    // An empty tar archive (two zero blocks) imports as an image with an empty file system:
    // nothing to pull, so locking works before any registry is reachable.
    await this.docker.run(['import', '--message', 'paved deploy lock', '-', LOCK_IMAGE], {
      input: Buffer.alloc(1024),
    });
  }
}

/**
 * What makes a container the deploy lock, after its name: the holder and time in labels, no
 * network, the lock image and a command it never runs.
 */
export function lockContainerSpec(name: string, holder: string, lockedAt: Date): IdleContainerSpec {
  return {
    name,
    image: LOCK_IMAGE,
    command: ['paved-lock'],
    labels: {
      [PAVED_LABELS.holder]: holder,
      [PAVED_LABELS.lockedAt]: lockedAt.toISOString(),
      [PAVED_LABELS.role]: 'lock',
    },
    network: 'none',
  };
}

/** The lock as `docker create` arguments (after `create`): tests that stage another run's lock use it. */
export function lockContainerArgs(name: string, holder: string, lockedAt: Date): string[] {
  return idleContainerArgs(lockContainerSpec(name, holder, lockedAt));
}
