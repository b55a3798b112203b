import { access, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { UserError } from '../action/errors.js';
import { DockerClient } from '../docker/cli.js';

/** How images get built: `docker buildx build`, BuildKit through `DOCKER_BUILDKIT=1 docker build`, or the classic builder. */
export type BuilderKind = 'buildx' | 'buildkit' | 'classic';

export interface DockerCliInfo {
  /** The binary as found (absolute). */
  path: string;
  /** Client version, e.g. `28.2.2`. */
  version: string;
  major: number;
  hasBuildx: boolean;
}

export interface ChosenBuilder {
  kind: BuilderKind;
  cli: DockerCliInfo;
  /** One sentence for the log: which builder and why. */
  reason: string;
}

// Installs seen on runners and on Debian (docker.io puts its CLI in /usr/bin), after PATH.
const WELL_KNOWN = ['/usr/local/bin/docker', '/usr/bin/docker'];

export interface FindClisOptions {
  /** Only this binary (a path, or a name looked up on PATH): the PAVED_DOCKER override. */
  binary?: string;
  /** PATH to search; process.env.PATH by default. */
  path?: string;
  /** Environment for the probes (DOCKER_CONFIG decides where buildx is looked for). */
  env?: Record<string, string | undefined>;
}

/** Every docker CLI on this machine, the one first on PATH first, each probed for its version and buildx. */
export async function findDockerClis(options: FindClisOptions = {}): Promise<DockerCliInfo[]> {
  const searchPath = options.path ?? process.env.PATH ?? '';
  const dirs = searchPath.split(delimiter).filter(Boolean);
  let candidates: string[];
  if (options.binary) {
    candidates = isAbsolute(options.binary) ? [options.binary] : dirs.map((dir) => join(dir, options.binary!));
  } else {
    candidates = [...dirs.map((dir) => join(dir, 'docker')), ...WELL_KNOWN];
  }
  const seen = new Set<string>();
  const found: DockerCliInfo[] = [];
  for (const candidate of candidates) {
    const real = await executable(candidate);
    if (!real || seen.has(real)) continue;
    seen.add(real);
    const info = await probe(candidate, options.env ?? {});
    if (info) found.push(info);
    if (options.binary) break;
  }
  return found;
}

async function executable(file: string): Promise<string | undefined> {
  try {
    await access(file, constants.X_OK);
    return await realpath(file);
  } catch {
    return undefined;
  }
}

async function probe(binary: string, env: Record<string, string | undefined>): Promise<DockerCliInfo | undefined> {
  const docker = new DockerClient({ binary, env });
  const version = await docker.run(['--version'], { allowFailure: true });
  const match = /version (\d+)\.(\d+)\.(\d+)/i.exec(version.stdout);
  if (version.code !== 0 || !match) return undefined;
  const buildx = await docker.run(['buildx', 'version'], { allowFailure: true });
  return {
    path: binary,
    version: `${match[1]}.${match[2]}.${match[3]}`,
    major: Number(match[1]),
    hasBuildx: buildx.code === 0,
  };
}

/**
 * The best builder among the CLIs: buildx when one has it (GitHub's hosted runners); else a
 * client older than 23, whose `docker build` still runs BuildKit with DOCKER_BUILDKIT=1
 * without the buildx plugin (newer clients refuse); else the classic builder.
 */
export function chooseDockerBuilder(clis: readonly DockerCliInfo[]): ChosenBuilder {
  const withBuildx = clis.find((cli) => cli.hasBuildx);
  if (withBuildx) {
    return { kind: 'buildx', cli: withBuildx, reason: `docker ${withBuildx.version} has the buildx plugin` };
  }
  const legacyBuildKit = clis.find((cli) => cli.major < 23);
  if (legacyBuildKit) {
    return {
      kind: 'buildkit',
      cli: legacyBuildKit,
      reason: `no buildx plugin; docker ${legacyBuildKit.version} runs BuildKit with DOCKER_BUILDKIT=1`,
    };
  }
  const [first] = clis;
  if (!first) {
    throw new UserError(
      'No docker CLI found on PATH, /usr/local/bin or /usr/bin. Install Docker on the runner ' +
        '(GitHub-hosted Ubuntu runners have it), or point PAVED_DOCKER at the docker binary.',
    );
  }
  return {
    kind: 'classic',
    cli: first,
    reason:
      `no buildx plugin, and docker ${first.version} needs buildx for BuildKit: using the classic builder ` +
      '(install buildx, e.g. with docker/setup-buildx-action, for secrets, cache export and multi-platform builds)',
  };
}

/** Finds the CLIs and picks a builder; with `binary` (PAVED_DOCKER) only that CLI is considered. */
export async function detectDockerBuilder(options: FindClisOptions = {}): Promise<ChosenBuilder> {
  const clis = await findDockerClis(options);
  if (options.binary && clis.length === 0) {
    throw new UserError(
      `PAVED_DOCKER is '${options.binary}', which is not a working docker CLI; point it at a docker binary or unset it.`,
    );
  }
  return chooseDockerBuilder(clis);
}
