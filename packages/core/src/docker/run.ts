import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DockerClient } from './cli.js';
import { createdId, engineCall, engineRefused, segment, unexpectedAnswer } from './engine-api.js';

/** A container started detached, as `docker run --detach` starts it. */
export interface ContainerRunSpec {
  name: string;
  /** Already on the engine: nothing is pulled. */
  image: string;
  labels: Record<string, string>;
  /** `NAME=value` entries, each checked by the caller to hold no line break. */
  env: string[];
  /** Docker's restart policy: no, always, unless-stopped or on-failure[:N]. */
  restart: string;
  /** Docker's memory size: 512m, 1.5g. */
  memory?: string;
  /** CPUs: 0.5, 2. */
  cpus?: string;
  /** A network by name (or `host`), or the default bridge publishing one port. */
  placement: { network: string } | { publish: { bind?: string; hostPort: number; containerPort: number } };
  /** `name:/path` named volumes. */
  volumes: string[];
}

/**
 * Starts the container `spec` describes and returns its ID. Where the engine is a unix socket
 * Paved reaches, this is two Engine API requests (create, start) carrying the environment in the
 * request body; elsewhere the docker CLI, reading it from a 0600 env file. Either way the values
 * are never on a command line. A failure may leave the container created: the caller removes it
 * by name.
 */
export async function runContainer(docker: DockerClient, spec: ContainerRunSpec, tempDir?: string): Promise<string> {
  const socket = docker.engineSocket;
  if (!socket) {
    return withEnvFile(spec.env, tempDir, async (envFile) => {
      return (await docker.text(['run', ...runArgs(spec, envFile)])).split('\n').pop() ?? '';
    });
  }
  const create = {
    method: 'POST' as const,
    path: `/containers/create?name=${segment(spec.name)}`,
    body: createBody(spec),
  };
  const created = await engineCall(docker, socket, create);
  if (created.status !== 201) throw engineRefused(create, created);
  const id = createdId(created.body);
  if (!id) throw unexpectedAnswer('/containers/create', 'a created container ID');
  const start = { method: 'POST' as const, path: `/containers/${segment(id)}/start` };
  const started = await engineCall(docker, socket, start);
  if (started.status !== 204 && started.status !== 304) throw engineRefused(start, started);
  return id;
}

/** The `docker run` arguments (after `run`) for `spec`, its environment read from `envFile`. */
export function runArgs(spec: ContainerRunSpec, envFile: string): string[] {
  const { placement } = spec;
  return [
    '--detach',
    '--name',
    spec.name,
    ...Object.entries(spec.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
    '--restart',
    spec.restart,
    ...(spec.memory ? ['--memory', spec.memory] : []),
    ...(spec.cpus ? ['--cpus', spec.cpus] : []),
    ...('network' in placement
      ? ['--network', placement.network]
      : [
          '--publish',
          `${placement.publish.bind ? `${placement.publish.bind}:` : ''}${placement.publish.hostPort}:${placement.publish.containerPort}`,
        ]),
    '--env-file',
    envFile,
    ...spec.volumes.flatMap((volume) => ['--volume', volume]),
    '--',
    spec.image,
  ];
}

/** The Engine API's ContainerCreateRequest that `docker run` sends for `spec`. */
export function createBody(spec: ContainerRunSpec): Record<string, unknown> {
  const { placement } = spec;
  const port = 'publish' in placement ? `${placement.publish.containerPort}/tcp` : undefined;
  return {
    Image: spec.image,
    Labels: spec.labels,
    Env: spec.env,
    ...(port ? { ExposedPorts: { [port]: {} } } : {}),
    HostConfig: {
      RestartPolicy: restartPolicy(spec.restart),
      ...(spec.memory ? { Memory: memoryBytes(spec.memory) } : {}),
      ...(spec.cpus ? { NanoCpus: nanoCpus(spec.cpus) } : {}),
      Binds: spec.volumes,
      // The named network's endpoint needs nothing more: the engine attaches the container
      // there, and its name resolves for every other container on it.
      ...('network' in placement
        ? { NetworkMode: placement.network }
        : {
            PortBindings: {
              [port as string]: [
                { HostIp: placement.publish.bind ?? '', HostPort: String(placement.publish.hostPort) },
              ],
            },
          }),
    },
  };
}

/** `on-failure:3` → `{ Name: 'on-failure', MaximumRetryCount: 3 }`, as the CLI sends it. */
export function restartPolicy(policy: string): { Name: string; MaximumRetryCount?: number } {
  const [name, count] = policy.split(':');
  return count === undefined ? { Name: name as string } : { Name: name as string, MaximumRetryCount: Number(count) };
}

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Docker's memory size (binary units, the CLI truncates a fraction of a byte) in bytes. */
export function memoryBytes(size: string): number {
  const match = /^(\d+(?:\.\d+)?)([bkmg])?$/i.exec(size);
  if (!match) throw new Error(`'${size}' is not a memory size`);
  return Math.trunc(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] as number));
}

/** CPUs as the engine counts them: billionths of one. */
export function nanoCpus(cpus: string): number {
  return Math.round(Number(cpus) * 1e9);
}

/**
 * Hands the docker CLI an environment through `--env-file`: a 0600 file in a 0700 folder,
 * removed as soon as the CLI has read it. The CLI sends the values inside the API request, so
 * they are on no command line on either machine.
 */
export async function withEnvFile<T>(
  env: readonly string[],
  tempDir: string | undefined,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(tempDir ?? os.tmpdir(), 'paved-env-'));
  const file = path.join(dir, 'release.env');
  try {
    writeFileSync(file, env.map((entry) => `${entry}\n`).join(''), { mode: 0o600 });
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
