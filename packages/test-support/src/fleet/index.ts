import { SshSession } from '@paved/core/remote';
import { buildCaddyImage, startFleet, type Fleet, type FleetHost } from '@paved/stack';

/** One fleet host serving HTTP on its loopback only, and the runner's SSH connection to it. */
export interface LoopbackServiceHost {
  fleet: Fleet;
  host: FleetHost;
  session: SshSession;
  /** The host's loopback port the service listens on. */
  port: number;
  stop(): Promise<void>;
}

/** Opens the runner's SSH connection to a fleet host, its key pinned by the fleet's known-hosts. */
export function sshSessionTo(fleet: Fleet, host: FleetHost): Promise<SshSession> {
  return SshSession.open({ host: host.dockerHost, sshKey: fleet.clientKey.privateKey, knownHosts: fleet.knownHosts });
}

/**
 * A one-host fleet with a Caddy answering `body` on 127.0.0.1:`port` of the host, set up from
 * the host's own side: what an admin API or a release port is, which the runner reaches only
 * through SSH.
 */
export async function startLoopbackServiceHost(options: {
  port: number;
  body?: string;
  name?: string;
}): Promise<LoopbackServiceHost> {
  const fleet = await startFleet({ hosts: 1 });
  try {
    const host = fleet.hosts[0]!;
    const { image } = await buildCaddyImage(host.docker);
    await host.docker.docker([
      'run',
      '--detach',
      ...(options.name ? ['--name', options.name] : []),
      '--publish',
      `127.0.0.1:${options.port}:8080`,
      image,
      'caddy',
      'respond',
      '--listen',
      ':8080',
      ...(options.body ? ['--body', options.body] : []),
    ]);
    const session = await sshSessionTo(fleet, host);
    return {
      fleet,
      host,
      session,
      port: options.port,
      stop: async () => {
        await session.close();
        await fleet.stop();
      },
    };
  } catch (error) {
    await fleet.stop();
    throw error;
  }
}
