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

/** Starts a private dockerd on a unix socket in a temporary folder (vfs, no bridge, no iptables). */
export async function startDockerEngine(options: DockerEngineOptions = {}): Promise<DockerEngine> {
  const dir = await serviceDir(options.dir, 'docker');
  return cleanOnFailure(dir, () => launchDockerEngine(options, dir));
}

async function launchDockerEngine(options: DockerEngineOptions, dir: string): Promise<DockerEngine> {
  const socketPath = join(dir, 'docker.sock');
  const host = `unix://${socketPath}`;
  const logFile = join(dir, 'dockerd.log');
  const configDir = join(dir, 'cli-config');
  await Promise.all([mkdir(join(dir, 'data')), mkdir(join(dir, 'x')), mkdir(configDir)]);
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
    '--iptables=false',
    '--ip6tables=false',
    '--bridge=none',
    '--storage-driver=vfs',
    '--shutdown-timeout=3',
    ...(options.insecureRegistries ?? []).flatMap((registry) => ['--insecure-registry', registry]),
  ];
  const [clis, daemon] = await Promise.all([
    findDockerClis(),
    Promise.resolve(startDaemon({ name: 'dockerd', command: 'dockerd', args, logFile })),
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
