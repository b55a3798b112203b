import { runProgram, type RunOptions, type RunResult } from '../process/run-program.js';
import { trackResource, untrackResource } from '../process/cleanup-guard.js';
import type { FleetNetwork } from './network.js';

/** The interface name inside a host, as on a cloud machine. */
export const UPLINK = 'eth0';

export interface HostNamespace {
  /** /var/run/netns/<name> */
  readonly name: string;
  readonly address: string;
  /** The veth end on the bridge, in the root namespace. */
  readonly link: string;
  /** Runs a program inside the namespace (its own loopback, routes and iptables). */
  exec(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  remove(): Promise<void>;
}

/**
 * A named network namespace with one veth on the fleet's bridge and the host's address on it.
 * No default route: the host reaches the fleet's /24 (the runner's bridge address, where the
 * registry listens) and nothing else.
 */
export async function createHostNamespace(network: FleetNetwork, index: number): Promise<HostNamespace> {
  const name = `pvf-${network.id}-h${index}`;
  const link = `pvf${network.id}h${index}`;
  const peer = `${link}p`;
  const address = network.hostAddress(index);
  const ip = (args: string[]) => runProgram('ip', args, { timeoutMs: 10_000 });

  await ip(['netns', 'add', name]);
  trackResource('netns', name);
  let removed: Promise<void> | undefined;
  const namespace: HostNamespace = {
    name,
    address,
    link,
    exec: (command, args, options = {}) =>
      runProgram('nsenter', [`--net=/var/run/netns/${name}`, '--', command, ...args], {
        timeoutMs: 30_000,
        ...options,
      }),
    remove: () => {
      removed ??= (async () => {
        // Deleting the namespace destroys the veth pair with it; the explicit delete covers a
        // half-built host whose peer never moved in.
        await runProgram('ip', ['netns', 'delete', name], { allowFailure: true, timeoutMs: 10_000 });
        await runProgram('ip', ['link', 'delete', link], { allowFailure: true, timeoutMs: 10_000 });
        untrackResource('netns', name);
        untrackResource('link', link);
      })();
      return removed;
    },
  };
  try {
    await ip(['link', 'add', link, 'type', 'veth', 'peer', 'name', peer]);
    trackResource('link', link);
    await ip(['link', 'set', link, 'master', network.bridge]);
    await ip(['link', 'set', link, 'up']);
    await ip(['link', 'set', peer, 'netns', name]);
    await ip(['-n', name, 'link', 'set', peer, 'name', UPLINK]);
    await ip(['-n', name, 'address', 'add', `${address}/24`, 'dev', UPLINK]);
    await ip(['-n', name, 'link', 'set', UPLINK, 'up']);
    await ip(['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    await namespace.remove();
    throw error;
  }
  return namespace;
}
