import type { KubeClient } from './client.js';
import { KubernetesConflictError } from './errors.js';
import { leasePath } from './paths.js';
import type { Lease } from './types.js';
import { UserError } from '../action/errors.js';

/** Another run holds the lock and it is not stale. Nothing was changed. */
export class LeaseHeldError extends UserError {
  constructor(
    readonly lease: string,
    readonly holder: string,
    readonly renewedAt: string | undefined,
  ) {
    super(
      `Lease '${lease}' is held by ${holder}${renewedAt ? ` (renewed ${renewedAt})` : ''}: another deploy or rollback ` +
        'of this service and environment is running. Wait for it, or let the lock go stale (lock-timeout).',
    );
    this.name = 'LeaseHeldError';
  }
}

export interface LeaseOptions {
  namespace: string;
  /** e.g. paved-<service>-<environment>; must be a DNS subdomain name. */
  name: string;
  /** Who holds it: the run URL. */
  holder: string;
  /** A lease not renewed for this long may be taken over (the `lock-timeout`). */
  staleAfterSeconds: number;
  /** Whether the run holding a fresh lease has finished: its lease is then taken over at once. */
  holderFinished?(holder: string): Promise<boolean>;
  now?: () => Date;
}

export interface HeldLease {
  name: string;
  /** Set when the lease was taken over from a stale holder. */
  tookOverFrom?: string;
  renew(): Promise<void>;
  /** Deletes the lease if still ours; idempotent. */
  release(): Promise<void>;
}

/**
 * Takes a coordination.k8s.io Lease atomically: create (409 when it exists), or replace a stale
 * one under its resourceVersion so that of two runs taking over, exactly one wins.
 */
export async function acquireLease(client: KubeClient, options: LeaseOptions): Promise<HeldLease> {
  const now = options.now ?? (() => new Date());
  const stamp = (): string =>
    now()
      .toISOString()
      .replace(/\.(\d{3})Z$/, '.$1000Z');
  const spec = (transitions: number) => ({
    holderIdentity: options.holder,
    leaseDurationSeconds: options.staleAfterSeconds,
    acquireTime: stamp(),
    renewTime: stamp(),
    leaseTransitions: transitions,
  });
  const collection = leasePath(options.namespace);
  const created = await client.request<Lease>('POST', collection, {
    body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: options.name }, spec: spec(0) },
    accept: [409],
    what: `Namespace '${options.namespace}'`,
  });
  let lease: Lease;
  let tookOverFrom: string | undefined;
  if (created.status !== 409) {
    lease = created.body;
  } else {
    const existing = await client.get<Lease>(leasePath(options.namespace, options.name));
    const holder = existing.spec.holderIdentity ?? '';
    const renewed = existing.spec.renewTime ?? existing.spec.acquireTime;
    const age = renewed ? (now().getTime() - Date.parse(renewed)) / 1000 : Infinity;
    if (holder && holder !== options.holder && age < options.staleAfterSeconds) {
      const finished = await (options.holderFinished?.(holder) ?? Promise.resolve(false)).catch(() => false);
      if (!finished) throw new LeaseHeldError(options.name, holder, renewed);
    }
    try {
      lease = (
        await client.request<Lease>('PUT', leasePath(options.namespace, options.name), {
          body: { ...existing, spec: spec((existing.spec.leaseTransitions ?? 0) + 1) },
        })
      ).body;
    } catch (error) {
      // Someone else replaced it between our read and write: they won.
      if (error instanceof KubernetesConflictError) {
        const winner = await client.get<Lease>(leasePath(options.namespace, options.name));
        throw new LeaseHeldError(options.name, winner.spec.holderIdentity ?? 'another run', winner.spec.renewTime);
      }
      throw error;
    }
    if (holder && holder !== options.holder) tookOverFrom = holder;
  }

  let released = false;
  return {
    name: options.name,
    ...(tookOverFrom ? { tookOverFrom } : {}),
    renew: async () => {
      lease = (
        await client.request<Lease>('PUT', leasePath(options.namespace, options.name), {
          body: { ...lease, spec: { ...lease.spec, renewTime: stamp() } },
        })
      ).body;
    },
    release: async () => {
      if (released) return;
      released = true;
      // Preconditions: delete only the lease as we last wrote it, never a successor's.
      await client.request('DELETE', leasePath(options.namespace, options.name), {
        body: {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          preconditions: { resourceVersion: lease.metadata.resourceVersion },
        },
        accept: [404, 409],
      });
    },
  };
}
