import { join } from 'node:path';
import { trackResource, untrackResource } from '../process/cleanup-guard.js';
import { removeStateDir, serviceDir } from '../process/state-dir.js';
import type { Registry, RegistryListener } from '../registry/registry.js';
import { generateEd25519, type KeyPair } from '../ssh/ssh-keys.js';
import { startFleetHost, type FleetHost } from './fleet-host.js';
import { reserveFleetNetwork, type FleetNetwork } from './network.js';
import { chooseStorageDriver } from './storage-driver.js';

export interface FleetOptions {
  /** How many hosts; default 3. */
  hosts?: number;
  /** Ports the firewall lets the runner reach besides SSH (22): the proxy's; default 80 and 443. */
  publicPorts?: readonly number[];
  /** Served to the hosts on the bridge address, same port, as an insecure registry. */
  registry?: Registry;
  /** The client key every host authorises; default a new one. */
  clientKey?: KeyPair;
  /** A network reserved beforehand (so the runner's engine could be told about the registry). */
  network?: FleetNetwork;
  /** Parent folder for state; default a new temporary folder. */
  dir?: string;
  timeoutMs?: number;
}

export interface Fleet {
  readonly hosts: readonly FleetHost[];
  readonly subnet: string;
  /** The runner's address on the bridge, as the hosts see it. */
  readonly gateway: string;
  /** <gateway>:<port> of the registry as the hosts reach it; images they pull are named so. */
  readonly registryAddress?: string;
  readonly publicPorts: readonly number[];
  readonly storageDriver: 'overlay2' | 'vfs';
  /** The client key every host authorises. */
  readonly clientKey: KeyPair;
  /** One known_hosts line per host, in host order. */
  readonly knownHosts: string;
  readonly dir: string;
  /** Stops every daemon and removes namespaces, links, firewall rules and state. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a fleet of production-like hosts on this machine: each a network namespace with its
 * own address on a bridge, its own dockerd (bridge networking, iptables), sshd on port 22 and a
 * firewall that lets the runner open only SSH and the public ports. Hosts start in parallel; if
 * one fails, everything already built is removed and the error names the host.
 */
export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const count = options.hosts ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > 50) throw new Error(`A fleet has 1 to 50 hosts, not ${count}`);
  const publicPorts = [...(options.publicPorts ?? [80, 443])];
  const dir = await serviceDir(options.dir, 'fleet');
  trackResource('dir', dir);
  const network = options.network ?? (await reserveFleetNetwork());
  let listener: RegistryListener | undefined;
  const hosts: FleetHost[] = [];

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await Promise.allSettled(hosts.map((host) => host.stop()));
      await listener?.stop();
      if (!options.network) await network.remove();
      await removeStateDir(dir);
      untrackResource('dir', dir);
    })();
    return stopping;
  };

  try {
    const [clientKey, storageDriver] = await Promise.all([
      options.clientKey ?? generateEd25519(join(dir, 'client_key'), 'paved-fleet-client'),
      chooseStorageDriver(dir),
    ]);
    listener = options.registry ? await options.registry.serveOn(network.gateway) : undefined;
    const settled = await Promise.allSettled(
      Array.from({ length: count }, (_, i) =>
        startFleetHost({
          network,
          index: i + 1,
          dir,
          clientKey,
          publicPorts,
          insecureRegistries: listener ? [listener.address] : [],
          storageDriver,
          timeoutMs: options.timeoutMs,
        }),
      ),
    );
    const failures: string[] = [];
    settled.forEach((result, i) => {
      if (result.status === 'fulfilled') hosts.push(result.value);
      else failures.push(`h${i + 1}: ${(result.reason as Error).message}`);
    });
    if (failures.length > 0) throw new Error(`The fleet did not start:\n${failures.join('\n\n')}`);
    return {
      hosts,
      subnet: network.subnet,
      gateway: network.gateway,
      registryAddress: listener?.address,
      publicPorts,
      storageDriver,
      clientKey,
      knownHosts: hosts.map((host) => host.knownHostsLine).join('\n'),
      dir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
