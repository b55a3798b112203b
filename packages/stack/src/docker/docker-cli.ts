import { access, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runProgram, type RunOptions, type RunResult } from '../process/run-program.js';

export interface DockerCli {
  /** Absolute path of the binary. */
  path: string;
  /** Client version, e.g. "28.2.2". */
  version: string;
  major: number;
  /** `docker buildx` is available. */
  hasBuildx: boolean;
}

// Known installs on these machines (Debian's 20.10 and a newer static 28.x); PATH comes first.
const WELL_KNOWN = ['/usr/local/bin/docker', '/usr/bin/docker'];

let cached: Promise<DockerCli[]> | undefined;

/** Every docker CLI on this machine, the one first on PATH first. Cached per process. */
export function findDockerClis(): Promise<DockerCli[]> {
  cached ??= detect();
  return cached;
}

async function detect(): Promise<DockerCli[]> {
  const candidates = [
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'docker')),
    ...WELL_KNOWN,
  ];
  const seen = new Set<string>();
  const clis: DockerCli[] = [];
  for (const candidate of candidates) {
    const real = await executable(candidate);
    if (!real || seen.has(real)) continue;
    seen.add(real);
    const described = await describe(candidate);
    if (described) clis.push(described);
  }
  return clis;
}

async function executable(path: string): Promise<string | undefined> {
  try {
    await access(path, constants.X_OK);
    return await realpath(path);
  } catch {
    return undefined;
  }
}

async function describe(path: string): Promise<DockerCli | undefined> {
  const versionRun = await runProgram(path, ['--version'], { allowFailure: true, timeoutMs: 10_000 });
  const match = /version (\d+)\.(\d+)\.(\d+)/i.exec(versionRun.stdout);
  if (versionRun.code !== 0 || !match) return undefined;
  const buildx = await runProgram(path, ['buildx', 'version'], { allowFailure: true, timeoutMs: 10_000 });
  return {
    path,
    version: `${match[1]}.${match[2]}.${match[3]}`,
    major: Number(match[1]),
    hasBuildx: buildx.code === 0,
  };
}

/** The CLI to use when none is asked for: the first on PATH. */
export async function defaultDockerCli(): Promise<DockerCli> {
  const [first] = await findDockerClis();
  if (!first) throw new Error('No docker CLI found. Install docker.io (scripts/install-stack.sh).');
  return first;
}

export interface DockerRunOptions extends RunOptions {
  /** Value for DOCKER_HOST (unix://… or ssh://…). */
  dockerHost?: string;
  /** Which CLI to run; defaults to the first on PATH. */
  cli?: DockerCli | string;
}

/** Runs the docker CLI with an argument array against the given daemon. */
export async function runDocker(args: readonly string[], options: DockerRunOptions = {}): Promise<RunResult> {
  const cliPath =
    typeof options.cli === 'string' ? options.cli : (options.cli?.path ?? (await defaultDockerCli()).path);
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  if (options.dockerHost) env.DOCKER_HOST = options.dockerHost;
  // The engines are throwaway: never read the user's contexts or credentials.
  env.DOCKER_CONTEXT ??= 'default';
  return runProgram(cliPath, args, { ...options, env });
}
