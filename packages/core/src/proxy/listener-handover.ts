/*
 * Caddy applies every admin API change as a config reload, and on Unix (since 2.6, still so in
 * 2.11: listen_unix.go) a reload binds a second SO_REUSEPORT listener on the port beside the old
 * one, then closes the old one. Linux resets the connections still waiting in a closed listener's
 * accept queue, and those mid-handshake on it, so every switch reset a few new connections.
 * net.ipv4.tcp_migrate_req (Linux 5.14+) makes the kernel hand them to the listener that stays
 * instead. It is a per-network-namespace setting: on the proxy's container it changes nothing
 * else of the host.
 */

/** The container setting that carries a reload's queued connections over to the new listener. */
export const HANDOVER_SYSCTL = 'net.ipv4.tcp_migrate_req=1';

/** The sysctls the proxy container gets on a host with this kernel (`docker info` KernelVersion). */
export function handoverSysctls(kernelVersion: string): string[] {
  const match = /^(\d+)\.(\d+)/.exec(kernelVersion.trim());
  if (!match) return [];
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 5 || (major === 5 && minor >= 14) ? [HANDOVER_SYSCTL] : [];
}
