import * as core from '@actions/core';
import { UserError } from '../../action/errors.js';
import { DockerClient, pingEngineSocket, unixEndpointPath, type DockerConnection } from '../../docker/index.js';
import { SshSession } from '../../remote/index.js';

export interface DockerHostOptions {
  /** unix:///path or ssh://user@host[:port]; empty for the runner's own engine. tcp:// is refused. */
  host?: string;
  /** Private key for ssh:// (already masked by the input reader). */
  sshKey?: string;
  /** known_hosts lines pinning the host key. */
  knownHosts?: string;
  /** Where the key and ssh config go: RUNNER_TEMP on a runner. */
  tempDir?: string;
  /** The docker binary. */
  binary?: string;
}

/** A docker CLI pointed at one host, and how the runner reaches that host's ports. */
export interface DockerHost {
  docker: DockerClient;
  /** Host name or address the runner uses for health checks on published ports. */
  address: string;
  /** For messages: `the local Docker engine`, `ssh://deploy@web1`. */
  display: string;
  isSsh: boolean;
  /** The host's SSH connection, when it is reached over one with a pinned key: tunnels ride on it. */
  session?: SshSession;
  close(): Promise<void>;
}

/** How a host is named in messages before (and without) connecting to it. */
export function hostDisplay(host: string | undefined): string {
  const given = host?.trim();
  if (given) return given;
  return process.env.DOCKER_HOST ? `the Docker engine at ${process.env.DOCKER_HOST}` : 'the local Docker engine';
}

/**
 * Connects the docker CLI to a host. For ssh:// with a key or known-hosts, one SshSession (an
 * OpenSSH ControlMaster pinning the host key) carries every docker call, through the `ssh`
 * wrapper it puts first on PATH, and every tunnel to the host's loopback or Docker network: the
 * runner needs nothing of the host but SSH.
 */
export async function connectDockerHost(options: DockerHostOptions): Promise<DockerHost> {
  const host = options.host?.trim() || undefined;
  const binary = options.binary ?? 'docker';
  if (!host) {
    return {
      docker: new DockerClient({ binary }),
      address: '127.0.0.1',
      display: hostDisplay(undefined),
      isSsh: false,
      close: async () => {},
    };
  }
  if (host.startsWith('unix://')) {
    return {
      docker: new DockerClient({ binary, env: { DOCKER_HOST: host } }),
      address: '127.0.0.1',
      display: host,
      isSsh: false,
      close: async () => {},
    };
  }
  const url = new URL(host);
  if (url.protocol === 'tcp:') {
    throw new UserError(
      `Docker host '${host}' is refused: tcp:// would send the release's secrets over the network in clear and ` +
        'expose the Docker API, which is root on the host. Use ssh://user@host (with ssh-key and known-hosts).',
    );
  }
  if (url.protocol !== 'ssh:') throw new UserError(`Docker host '${host}' must start with unix:// or ssh://`);
  return connectSsh(host, url, binary, options);
}

async function connectSsh(host: string, url: URL, binary: string, options: DockerHostOptions): Promise<DockerHost> {
  if (!options.sshKey && !options.knownHosts) {
    // No key given: the runner's own ssh setup (agent, ~/.ssh) applies, as docker would use it.
    return {
      docker: new DockerClient({ binary, env: { DOCKER_HOST: host } }),
      address: url.hostname,
      display: host,
      isSsh: true,
      close: async () => {},
    };
  }
  // One connection carries every docker call and tunnel; a refusal is the SshError it names.
  const session = await SshSession.open({
    host,
    sshKey: options.sshKey,
    knownHosts: options.knownHosts,
    tempDir: options.tempDir,
  });
  const docker = new DockerClient({ binary, connection: new SessionEngine(session, await forwardedEngine(session)) });
  return {
    docker,
    address: url.hostname.replace(/^\[|\]$/g, ''),
    display: host,
    isSsh: true,
    session,
    close: () => session.close(),
  };
}

/**
 * The host's engine socket forwarded through the session into its private folder. A docker
 * call then starts one local process (about 30 ms) instead of ssh plus `docker system
 * dial-stdio` on the host (about 250 ms each, measured on the fleet bench's hosts), and a
 * release makes dozens. Where the host's engine is not on a unix socket, or its sshd will not
 * forward one, the CLI dials over ssh as before.
 */
async function forwardedEngine(session: SshSession): Promise<string | undefined> {
  // The endpoint the host's own docker CLI uses: its DOCKER_HOST, its context or the default.
  const asked = await session.run(['docker', 'context', 'inspect', '--format', "'{{.Endpoints.docker.Host}}'"]);
  const remote = asked.code === 0 ? unixEndpointPath(asked.stdout) : undefined;
  if (!remote) {
    core.debug(
      `${session.display}: no unix socket engine endpoint (${asked.stderr.trim() || asked.stdout.trim()}); docker dials over ssh`,
    );
    return undefined;
  }
  const local = await session.forwardSocket(remote, 'docker');
  if (local && (await pingEngineSocket(local.path))) return local.path;
  await local?.close();
  core.debug(
    `${session.display}: ${remote} could not be forwarded (AllowStreamLocalForwarding?); docker dials over ssh`,
  );
  return undefined;
}

/**
 * The docker CLI's way to the host over the session: the forwarded engine socket while the SSH
 * link holds. Once a call finds the link lost, later calls dial over ssh, whose ControlMaster
 * auto connects again, as every call did before the forward, so a dropped link still lets the
 * release switch hosts back and release their locks.
 */
class SessionEngine implements DockerConnection {
  constructor(
    private readonly session: SshSession,
    private socket: string | undefined,
  ) {}

  env(): Record<string, string> {
    const env = this.session.dockerEnv();
    return this.socket ? { ...env, DOCKER_HOST: `unix://${this.socket}` } : env;
  }

  async diagnose(): Promise<Error | undefined> {
    const lost = await this.session.diagnose();
    if (lost && this.socket) {
      core.debug(`${this.session.display}: the forwarded engine socket went with the SSH link; docker dials over ssh`);
      this.socket = undefined;
    }
    return lost;
  }
}
