import { UserError } from '../../action/errors.js';
import { DockerClient } from '../../docker/cli.js';
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
  const docker = new DockerClient({ binary, env: session.dockerEnv(), diagnose: () => session.diagnose() });
  return {
    docker,
    address: url.hostname.replace(/^\[|\]$/g, ''),
    display: host,
    isSsh: true,
    session,
    close: () => session.close(),
  };
}
