import { withTunnel } from '../../remote/index.js';
import type { DockerHost } from './host.js';

/**
 * Runs `use` with an http:// base URL that leads to `address:port` as the host sees it (its
 * loopback, or a container on its Docker network). Over SSH that is a tunnel through the host's
 * one connection, so health endpoints never have to be reachable from the runner; a local
 * engine's addresses are the runner's own.
 */
export async function withHostUrl<T>(
  host: DockerHost,
  to: { address: string; port: number },
  use: (baseUrl: string) => Promise<T>,
): Promise<T> {
  if (host.session) return withTunnel(host.session, { host: to.address, port: to.port }, (tunnel) => use(tunnel.url));
  const address = to.address === '127.0.0.1' ? host.address : to.address;
  return use(`http://${address.includes(':') ? `[${address}]` : address}:${to.port}`);
}
