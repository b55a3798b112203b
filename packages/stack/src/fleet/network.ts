import { randomBytes, randomInt } from 'node:crypto';
import { runProgram } from '../process/run-program.js';
import { trackResource, untrackResource } from '../process/cleanup-guard.js';

/**
 * Fleets live in 10.213.N.0/24: private, not Docker's default pools (172.17+/192.168), and not
 * the 10.231 example in the docs, so a clash with anything else on the machine is unlikely.
 * The bridge is named after N, so creating it is the lock that keeps two fleets (two test files
 * at once) off the same /24.
 */
const FIRST_OCTETS = '10.213';

export interface FleetNetwork {
  /** Random per run; part of every namespace and link name. */
  readonly id: string;
  /** The bridge in the root namespace; the runner's side of the fleet. */
  readonly bridge: string;
  /** e.g. 10.213.42.0/24 */
  readonly subnet: string;
  /** The bridge's own address, the runner's address as the hosts see it, e.g. 10.213.42.1. */
  readonly gateway: string;
  /** Address of host number `index` (1-based): .2, .3, … */
  hostAddress(index: number): string;
  /** Deletes the bridge. Idempotent. */
  remove(): Promise<void>;
}

export async function reserveFleetNetwork(): Promise<FleetNetwork> {
  const id = randomBytes(2).toString('hex');
  const inUse = await addressesInUse();
  for (let attempt = 0; attempt < 40; attempt++) {
    const third = randomInt(0, 256);
    const prefix = `${FIRST_OCTETS}.${third}`;
    if (inUse.includes(`${prefix}.`)) continue;
    const bridge = `pvfnet${third}`;
    const created = await runProgram('ip', ['link', 'add', bridge, 'type', 'bridge'], {
      allowFailure: true,
      timeoutMs: 10_000,
    });
    if (created.code !== 0) {
      if (/exists/i.test(created.stderr)) continue;
      throw new Error(
        `Could not create the fleet bridge ${bridge}: ${created.stderr.trim()} (needs root and iproute2)`,
      );
    }
    trackResource('link', bridge);
    const gateway = `${prefix}.1`;
    let removed: Promise<void> | undefined;
    const network: FleetNetwork = {
      id,
      bridge,
      subnet: `${prefix}.0/24`,
      gateway,
      hostAddress: (index) => {
        if (!Number.isInteger(index) || index < 1 || index > 250) throw new Error(`No fleet host number ${index}`);
        return `${prefix}.${index + 1}`;
      },
      remove: () => {
        removed ??= (async () => {
          await runProgram('ip', ['link', 'delete', bridge], { allowFailure: true, timeoutMs: 10_000 });
          untrackResource('link', bridge);
        })();
        return removed;
      },
    };
    try {
      await runProgram('ip', ['address', 'add', `${gateway}/24`, 'dev', bridge], { timeoutMs: 10_000 });
      await runProgram('ip', ['link', 'set', bridge, 'up'], { timeoutMs: 10_000 });
    } catch (error) {
      await network.remove();
      throw error;
    }
    return network;
  }
  throw new Error(
    `Found no free /24 in ${FIRST_OCTETS}.0.0/16 for a fleet after 40 tries: remove stale pvfnet* bridges`,
  );
}

/** Every IPv4 address and route on the machine, as text to search for a /24 prefix. */
async function addressesInUse(): Promise<string> {
  const [addresses, routes] = await Promise.all([
    runProgram('ip', ['-4', '-o', 'address', 'show'], { timeoutMs: 10_000 }),
    runProgram('ip', ['-4', 'route', 'show', 'table', 'all'], { timeoutMs: 10_000, allowFailure: true }),
  ]);
  return `${addresses.stdout}\n${routes.stdout}`;
}
