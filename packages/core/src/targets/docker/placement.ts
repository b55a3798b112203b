import { inspectContainer, inspectNetwork, type ContainerRunSpec, type DockerClient } from '../../docker/index.js';

/**
 * Where a release listens and how the proxy reaches it:
 * - `network`: on the Docker network shared with the proxy Paved runs, publishing no port; the
 *   proxy dials it by name.
 * - `published`: on a host port bound to the host's loopback (an existing proxy on the host
 *   dials 127.0.0.1); on every interface only for a tcp:// engine, whose proxy is elsewhere.
 * - `host`: the engine has no bridge, so the release shares the host's network.
 */
export type Placement = { kind: 'network'; network: string } | { kind: 'published'; bind?: string } | { kind: 'host' };

/** Where `runContainer` places a release listening on `containerPort` (host port `port`). */
export function runPlacement(placement: Placement, port: number, containerPort: number): ContainerRunSpec['placement'] {
  if (placement.kind === 'network') return { network: placement.network };
  if (placement.kind === 'host') return { network: 'host' };
  return { publish: { bind: placement.bind, hostPort: port, containerPort } };
}

/** What the proxy dials for a release named `name`. */
export function dialOf(placement: Placement, name: string, port: number): string {
  return placement.kind === 'network' ? `${name}:${port}` : `127.0.0.1:${port}`;
}

/** Whether an engine has the default bridge; one started with --bridge=none does not. */
export async function hasBridge(docker: DockerClient): Promise<boolean> {
  return (await inspectNetwork(docker, 'bridge')) !== undefined;
}

/** The container's address on `network`, as the host (and a tunnel through it) reaches it. */
export async function addressOn(docker: DockerClient, id: string, network: string): Promise<string | undefined> {
  const container = await inspectContainer(docker, id);
  return container?.NetworkSettings?.Networks?.[network]?.IPAddress || undefined;
}
