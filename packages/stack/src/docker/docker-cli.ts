import { findDockerClis as findClis, type DockerCliInfo } from '@paved/core/image';
import { runProgram, type RunOptions, type RunResult } from '../process/run-program.js';

/** A docker CLI on this machine; core's probe is the one the build-image action uses. */
export type DockerCli = DockerCliInfo;

let cached: Promise<DockerCli[]> | undefined;

/** Every docker CLI on this machine, the one first on PATH first. Cached per process. */
export function findDockerClis(): Promise<DockerCli[]> {
  cached ??= findClis({ env: process.env });
  return cached;
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
