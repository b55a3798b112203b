import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { awaitReady, startDaemon } from '../process/daemon.js';
import { unixSocketStatus } from '../process/http-probe.js';
import { cleanOnFailure, removeStateDir, serviceDir } from '../process/state-dir.js';
import type { RunResult } from '../process/run-program.js';
import { findDockerClis, runDocker, type DockerCli, type DockerRunOptions } from './docker-cli.js';

export interface DockerEngineOptions {
  /** Parent folder for state; a new temporary folder when omitted. */
  dir?: string;
  /** host:port of a registry to allow over plain HTTP (pick its port before starting). */
  insecureRegistries?: string[];
  timeoutMs?: number;
  /**
   * Run the daemon inside this named network namespace (/var/run/netns/<name>) with its own
   * default bridge and iptables rules, as on a real host. Default: the runner's namespace, no
   * bridge, no iptables (containers need --network host).
   */
  netns?: string;
  /** Default vfs; overlay2 where the file system supports it (see overlaySupported). */
  storageDriver?: 'vfs' | 'overlay2';
  /** Folder name below `dir`; default "docker". */
  name?: string;
}

export interface DockerEngine {
  /** Value for DOCKER_HOST, e.g. unix:///tmp/paved-x/docker/docker.sock. */
  readonly host: string;
  readonly socketPath: string;
  readonly pid: number;
  readonly dir: string;
  readonly logFile: string;
  /** Every docker CLI found on this machine, first on PATH first. */
  readonly clis: DockerCli[];
  /** Environment for running any docker CLI against this engine (DOCKER_HOST, DOCKER_CONFIG). */
  env(): NodeJS.ProcessEnv;
  /** Runs the docker CLI against this engine with an argument array; throws on failure. */
  docker(args: readonly string[], options?: DockerRunOptions): Promise<RunResult>;
  stop(): Promise<void>;
}

/**
 * Starts a private dockerd on a unix socket in a temporary folder: by default vfs, no bridge,
 * no iptables; inside a network namespace, with the bridge and iptables a real host has.
 */
export async function startDockerEngine(options: DockerEngineOptions = {}): Promise<DockerEngine> {
  const dir = await serviceDir(options.dir, options.name ?? 'docker');
  return cleanOnFailure(dir, () => launchDockerEngine(options, dir));
}

async function launchDockerEngine(options: DockerEngineOptions, dir: string): Promise<DockerEngine> {
  const socketPath = join(dir, 'docker.sock');
  const host = `unix://${socketPath}`;
  const logFile = join(dir, 'dockerd.log');
  const configDir = join(dir, 'cli-config');
  await Promise.all([mkdir(join(dir, 'data')), mkdir(join(dir, 'x')), mkdir(join(dir, 'tmp')), mkdir(configDir)]);
  const args = [
    '--host',
    host,
    '--data-root',
    join(dir, 'data'),
    // Short on purpose: containerd's sockets live below it (unix path limit ~107 bytes).
    '--exec-root',
    join(dir, 'x'),
    '--pidfile',
    join(dir, 'dockerd.pid'),
    ...(options.netns ? ['--ip6tables=false'] : ['--iptables=false', '--ip6tables=false', '--bridge=none']),
    `--storage-driver=${options.storageDriver ?? 'vfs'}`,
    '--shutdown-timeout=3',
    ...(options.insecureRegistries ?? []).flatMap((registry) => ['--insecure-registry', registry]),
  ];
  // nsenter, not `ip netns exec`: the latter remounts /sys and hides the cgroup mounts dockerd
  // needs. nsenter execs dockerd, so the PID we hold is the daemon's.
  const command = options.netns
    ? { command: 'nsenter', args: [`--net=/var/run/netns/${options.netns}`, '--', 'dockerd', ...args] }
    : { command: 'dockerd', args };
  const name = options.netns ? `dockerd in ${options.netns}` : 'dockerd';
  const [clis, daemon] = await Promise.all([
    findDockerClis(),
    // dockerd and its containerd write to TMPDIR (a slow containerd's stack dump on shutdown,
    // containerd.<pid>.stacks.log): into the engine's folder, which stop() removes.
    Promise.resolve(startDaemon({ name, ...command, logFile, env: { ...process.env, TMPDIR: join(dir, 'tmp') } })),
  ]);
  await awaitReady(
    daemon,
    async () => (await unixSocketStatus(socketPath, '/_ping')) === 200,
    options.timeoutMs ?? 30_000,
  );

  const env = (): NodeJS.ProcessEnv => ({ ...process.env, DOCKER_HOST: host, DOCKER_CONFIG: configDir });
  return {
    host,
    socketPath,
    pid: daemon.pid,
    dir,
    logFile,
    clis,
    env,
    docker: (dockerArgs, runOptions = {}) => runDocker(dockerArgs, { env: env(), dockerHost: host, ...runOptions }),
    stop: async () => {
      await daemon.stop();
      await removeStateDir(dir);
    },
  };
}
