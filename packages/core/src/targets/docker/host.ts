import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../action/errors.js';
import { DockerClient } from '../../docker/cli.js';
import { diagnoseSshLink } from './ssh-link.js';

export interface DockerHostOptions {
  /** unix:///path, tcp://host:port, ssh://user@host[:port]; empty for the runner's own engine. */
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
  close(): Promise<void>;
}

/**
 * Connects the docker CLI to a host. For ssh:// the CLI runs plain `ssh` from PATH and takes no
 * options, so (as packages/stack does) an `ssh` wrapper adding `-F <our config>` goes first on
 * PATH; the config names the key file (0600), pins the host key (StrictHostKeyChecking yes with
 * only the given known_hosts) and never prompts. Connections are multiplexed (ControlMaster):
 * every docker call is otherwise a new SSH handshake, about a second each.
 */
export function connectDockerHost(options: DockerHostOptions): DockerHost {
  const host = options.host?.trim() || undefined;
  const binary = options.binary ?? 'docker';
  if (!host) {
    return {
      docker: new DockerClient({ binary }),
      address: '127.0.0.1',
      display: process.env.DOCKER_HOST ? `the Docker engine at ${process.env.DOCKER_HOST}` : 'the local Docker engine',
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
    return {
      docker: new DockerClient({ binary, env: { DOCKER_HOST: host } }),
      address: url.hostname,
      display: host,
      isSsh: false,
      close: async () => {},
    };
  }
  if (url.protocol !== 'ssh:') throw new UserError(`Docker host '${host}' must start with unix://, tcp:// or ssh://`);
  return connectSsh(host, url, binary, options);
}

function connectSsh(host: string, url: URL, binary: string, options: DockerHostOptions): DockerHost {
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
  const base = plainTempDir(options.tempDir);
  const dir = mkdtempSync(path.join(base, 'paved-ssh-'));
  chmodSync(dir, 0o700);
  const config = path.join(dir, 'config');
  const knownHosts = path.join(dir, 'known_hosts');
  const lines = [
    'Host *',
    `  UserKnownHostsFile ${knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  PasswordAuthentication no',
    '  ConnectTimeout 15',
    // A dead link is noticed in ~15 s instead of hanging the deploy.
    '  ServerAliveInterval 5',
    '  ServerAliveCountMax 3',
    '  ControlMaster auto',
    `  ControlPath ${path.join(dir, 'cm-%C')}`,
    '  ControlPersist 60',
    '  LogLevel ERROR',
  ];
  writeFileSync(knownHosts, `${(options.knownHosts ?? '').trim()}\n`, { mode: 0o600 });
  if (options.sshKey) {
    const key = path.join(dir, 'key');
    // OpenSSH refuses a key without its final newline, which secrets often lose.
    writeFileSync(key, `${options.sshKey.replace(/\r\n/g, '\n').trim()}\n`, { mode: 0o600 });
    lines.push(`  IdentityFile ${key}`, '  IdentitiesOnly yes');
  }
  writeFileSync(config, `${lines.join('\n')}\n`, { mode: 0o600 });
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const realSsh = findSsh();
  writeFileSync(path.join(bin, 'ssh'), `#!/bin/sh\nexec ${realSsh} -F ${config} "$@"\n`, { mode: 0o755 });
  const destination = `${url.username ? `${url.username}@` : ''}${url.hostname}`;
  const docker = new DockerClient({
    binary,
    env: { DOCKER_HOST: host, PATH: `${bin}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}` },
    diagnose: () => diagnoseSshLink({ ssh: realSsh, config, destination, port: url.port || undefined, display: host }),
  });
  return {
    docker,
    address: url.hostname.replace(/^\[|\]$/g, ''),
    display: host,
    isSsh: true,
    close: async () => {
      // Ends the multiplexing master so no ssh process outlives the step.
      spawnSync(realSsh, ['-F', config, '-O', 'exit', ...(url.port ? ['-p', url.port] : []), destination], {
        stdio: 'ignore',
        timeout: 5_000,
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The wrapper script names paths unquoted, so the folder must be a plain path. */
function plainTempDir(preferred: string | undefined): string {
  for (const candidate of [preferred, process.env.RUNNER_TEMP, os.tmpdir(), '/tmp']) {
    if (candidate && /^[\w./-]+$/.test(candidate)) return candidate;
  }
  throw new UserError('No temporary folder with a plain path for the SSH key: set RUNNER_TEMP to one');
}

function findSsh(): string {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/bin']) {
    if (!dir || !/^[\w./-]+$/.test(dir)) continue;
    const candidate = path.join(dir, 'ssh');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  throw new UserError('No ssh client on this runner: install openssh-client to deploy to an ssh:// host');
}
