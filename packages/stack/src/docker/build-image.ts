import type { RunResult } from '../process/run-program.js';
import { runDocker, type DockerCli } from './docker-cli.js';

/** How an image was built: buildx, BuildKit through DOCKER_BUILDKIT=1, or the legacy builder. */
export type Builder = 'buildx' | 'buildkit' | 'legacy';

export interface BuildTarget {
  clis: DockerCli[];
  env(): NodeJS.ProcessEnv;
}

export interface BuildOptions {
  context: string;
  tag: string;
  /** Path of the Dockerfile; default <context>/Dockerfile. */
  dockerfile?: string;
}

export interface BuildResult {
  builder: Builder;
  cli: DockerCli;
  output: RunResult;
}

/**
 * Picks the best builder this machine has: buildx when a CLI has it (GitHub's runners), else a
 * CLI older than 23 where DOCKER_BUILDKIT=1 works without buildx, else the legacy builder.
 */
export function chooseBuilder(clis: readonly DockerCli[]): { builder: Builder; cli: DockerCli } {
  const withBuildx = clis.find((cli) => cli.hasBuildx);
  if (withBuildx) return { builder: 'buildx', cli: withBuildx };
  const classicBuildKit = clis.find((cli) => cli.major < 23);
  if (classicBuildKit) return { builder: 'buildkit', cli: classicBuildKit };
  const [first] = clis;
  if (!first) throw new Error('No docker CLI found. Install docker.io (scripts/install-stack.sh).');
  return { builder: 'legacy', cli: first };
}

export async function buildImage(target: BuildTarget, options: BuildOptions): Promise<BuildResult> {
  const { builder, cli } = chooseBuilder(target.clis);
  const fileArgs = options.dockerfile ? ['--file', options.dockerfile] : [];
  const env = { ...target.env(), DOCKER_BUILDKIT: builder === 'legacy' ? '0' : '1' };
  const args =
    builder === 'buildx'
      ? ['buildx', 'build', '--load', '--tag', options.tag, ...fileArgs, options.context]
      : ['build', '--tag', options.tag, ...fileArgs, options.context];
  const output = await runDocker(args, { cli, env, timeoutMs: 300_000 });
  return { builder, cli, output };
}
