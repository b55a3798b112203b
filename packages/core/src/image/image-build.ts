import * as core from '@actions/core';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatDuration } from '../action/duration.js';
import { InputError, UserError } from '../action/errors.js';
import { buildCommand, parseBuildSecrets, type BuildSettings } from './build.js';
import { detectDockerBuilder, type BuilderKind, type DockerCliInfo } from './builder.js';
import { DockerClient, DockerCommandError, lastLines } from '../docker/cli.js';
import type { BuildGitContext } from './git-context.js';
import { defaultImageName, parseImageName, type ImageName } from '../docker/image-name.js';
import { imageLabels } from './labels.js';
import { loginToRegistry, type RegistryCredentials, type RegistrySession } from '../docker/login.js';
import { pushTags, withPushRetry, type RetryOptions } from './push.js';
import { fetchManifest, type RemoteManifest } from '../docker/registry-api.js';
import { computeTags, parseTagRules, type LatestMode } from './tags.js';

export interface ImageBuildRequest extends BuildSettings {
  /** The `image` input; empty means ghcr.io/<owner>/<repo>. */
  image?: string;
  git: BuildGitContext;
  /** Absolute folder. */
  context: string;
  /** Absolute Dockerfile path; `<context>/Dockerfile` when absent. */
  file?: string;
  /** `id=value` lines. */
  secrets: readonly string[];
  tagRules: readonly string[];
  latest: LatestMode;
  labels: readonly string[];
  credentials?: RegistryCredentials;
  pushRetries: number;
  /** A docker binary to use instead of detecting one (PAVED_DOCKER). */
  dockerBinary?: string;
  /** Environment for every docker call (DOCKER_HOST, DOCKER_CONFIG). */
  dockerEnv?: Record<string, string | undefined>;
  /** RUNNER_TEMP: the temporary docker config and the build's id files live here. */
  tempDir?: string;
  now?: Date;
  /** Backoff tuning; tests shorten the pauses. */
  retry?: Omit<RetryOptions, 'retries'>;
}

export interface ImageBuildResult {
  /** Image name without tag. */
  image: string;
  registry: string;
  builder: BuilderKind;
  cli: DockerCliInfo;
  builderReason: string;
  /** Full references, `name:tag`. */
  tags: string[];
  labels: Record<string, string>;
  /** The version label (first tag or semver version). */
  version?: string;
  imageId?: string;
  /** Manifest digest in the registry; set when pushed. */
  digest?: string;
  /** `name@sha256:…`; set when pushed. */
  ref?: string;
  pushed: boolean;
  /** Push attempts in all (1 per tag when nothing had to be retried). */
  pushAttempts: number;
  /** The registry answered for every tag with the pushed digest. */
  confirmed: boolean;
  /** Bytes: compressed in the registry when known, else the unpacked size in the engine. */
  size?: number;
  sizeKind?: 'compressed' | 'unpacked';
  buildMs: number;
  pushMs: number;
  warnings: string[];
}

/**
 * Builds, tags, labels, pushes and pins one image. Every input is checked before docker is
 * touched, so bad input never leaves a half-pushed image; the registry login lives in a
 * temporary DOCKER_CONFIG removed at the end whatever happens.
 */
export async function buildAndPushImage(request: ImageBuildRequest): Promise<ImageBuildResult> {
  const now = request.now ?? new Date();
  const image = parseImageName(request.image || defaultImageName(request.git.repository));
  const computed = computeTags(parseTagRules(request.tagRules), request.git, { latest: request.latest, now });
  if (computed.tags.length === 0) {
    throw new InputError(
      'tags',
      `Input 'tags' gives no tag for this ${request.git.eventName} event on ${request.git.ref}; add a rule that always applies, such as type=sha`,
    );
  }
  const refs = computed.tags.map((tag) => `${image.name}:${tag}`);
  const version = computed.version ?? computed.tags[0];
  const labels = imageLabels(request.git, request.labels, { version, now });
  const secrets = parseBuildSecrets(request.secrets);
  checkBuildArgs(request.buildArgs);
  const file = request.file ?? path.join(request.context, 'Dockerfile');
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new InputError(
      'file',
      `Input 'file' is empty and the context has no Dockerfile (${file}); add one or set file to the Dockerfile's path`,
    );
  }
  if (request.credentials) {
    // The runner masks the password; docker's config would hold it base64-encoded as user:password.
    core.setSecret(Buffer.from(`${request.credentials.username}:${request.credentials.password}`).toString('base64'));
  }

  const chosen = await detectDockerBuilder({ binary: request.dockerBinary, env: request.dockerEnv });
  core.info(`Builder: ${chosen.kind} (${chosen.reason}; ${chosen.cli.path})`);
  let docker = new DockerClient({ binary: chosen.cli.path, env: request.dockerEnv });
  await requireEngine(docker);

  const work = await mkdtemp(path.join(request.tempDir ?? os.tmpdir(), 'paved-build-'));
  const plan = {
    context: request.context,
    file,
    target: request.target,
    buildArgs: request.buildArgs,
    secrets,
    platforms: request.platforms,
    cacheFrom: request.cacheFrom,
    cacheTo: request.cacheTo,
    refs,
    labels,
    annotations: request.annotations,
    provenance: request.provenance,
    sbom: request.sbom,
    push: request.push,
    load: request.load,
    network: request.network,
    iidFile: path.join(work, 'iid'),
    metadataFile: path.join(work, 'metadata.json'),
  };
  // Built before logging in: an input this builder refuses (secrets on classic) must stop the run first.
  const command = buildCommand(chosen.kind, plan);
  for (const warning of command.warnings) core.warning(warning);
  core.info(`Tags: ${refs.join(', ')}`);

  let session: RegistrySession | undefined;
  try {
    if (request.credentials) {
      session = await loginToRegistry(docker, loginServer(image), request.credentials, { tempDir: work });
      docker = session.docker;
      core.info(`Logged in to ${image.registry} as ${request.credentials.username}`);
    }
    const retry: RetryOptions = {
      ...request.retry,
      retries: request.pushRetries,
      onRetry: ({ attempt, delayMs, reason }) =>
        core.warning(
          `Push attempt ${attempt} failed (${reason}); retrying in ${formatDuration(delayMs)} ` +
            `(${request.pushRetries - attempt + 1} retr${request.pushRetries - attempt + 1 === 1 ? 'y' : 'ies'} left)`,
        ),
    };

    const buildStart = Date.now();
    let pushMs = 0;
    let pushAttempts = 0;
    let digest: string | undefined;
    if (chosen.kind === 'buildx' && request.push) {
      // buildx pushes as part of the build; a retry re-runs it, and its cache makes that a push.
      const { attempts } = await withPushRetry(
        'Building and pushing with buildx',
        () => runBuild(docker, command, true),
        retry,
      );
      pushAttempts = attempts;
      digest = await buildxDigest(plan.metadataFile);
    } else {
      await runBuild(docker, command, false);
    }
    const buildMs = Date.now() - buildStart;
    const imageId = (await readFile(plan.iidFile, 'utf8').catch(() => '')).trim() || undefined;
    core.info(`Built ${imageId ?? image.name} in ${formatDuration(buildMs)}`);

    if (chosen.kind !== 'buildx' && request.push) {
      const pushStart = Date.now();
      const result = await pushTags(docker, refs, retry);
      pushMs = Date.now() - pushStart;
      pushAttempts = result.pushed.reduce((sum, p) => sum + p.attempts, 0);
      digest = result.digest;
    }

    let confirmed = false;
    let remote: RemoteManifest | undefined;
    if (request.push) {
      if (!digest) throw new UserError(`The push of ${image.name} finished without a digest; re-run the job.`);
      ({ confirmed, remote } = await confirmDigest(image, computed.tags, digest, request.credentials));
    }
    let size = remote?.size;
    let sizeKind: ImageBuildResult['sizeKind'] = size === undefined ? undefined : 'compressed';
    if (size === undefined && imageId) {
      size = await localImageSize(docker, imageId);
      if (size !== undefined) sizeKind = 'unpacked';
    }
    return {
      image: image.name,
      registry: image.registry,
      builder: chosen.kind,
      cli: chosen.cli,
      builderReason: chosen.reason,
      tags: refs,
      labels,
      version,
      imageId,
      digest,
      ref: digest ? `${image.name}@${digest}` : undefined,
      pushed: request.push,
      pushAttempts,
      confirmed,
      size,
      sizeKind,
      buildMs,
      pushMs,
      warnings: command.warnings,
    };
  } finally {
    await session?.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** docker login's server argument: Docker Hub is the default when none is given. */
function loginServer(image: ImageName): string {
  return image.registry === 'docker.io' ? 'docker.io' : image.registry;
}

function checkBuildArgs(args: readonly string[]): void {
  for (const arg of args) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*(=|$)/.test(arg)) {
      throw new InputError('build-args', `Input 'build-args' must hold NAME=value lines, got '${arg}'`);
    }
  }
}

async function requireEngine(docker: DockerClient): Promise<void> {
  const result = await docker.run(['version', '--format', '{{.Server.Version}}'], { allowFailure: true });
  if (result.code === 0 && result.stdout.trim()) return;
  const host = docker.env.DOCKER_HOST ?? process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  throw new UserError(
    `Cannot reach the Docker Engine at ${host}: ${lastLines(result.stderr || result.stdout, 2).trim()}. ` +
      'Start Docker on the runner, or set DOCKER_HOST to where it listens.',
  );
}

async function runBuild(
  docker: DockerClient,
  command: { args: string[]; env: Record<string, string> },
  pushing: boolean,
): Promise<void> {
  core.startGroup(`docker ${command.args.slice(0, command.args[0] === 'buildx' ? 2 : 1).join(' ')}`);
  try {
    await docker.run(command.args, { stream: true, env: command.env });
  } catch (error) {
    if (!(error instanceof DockerCommandError)) throw error;
    const tail = lastLines(error.result.stderr || error.result.stdout, 8);
    // Only a failed push is retried: a RUN step that failed stays failed.
    if (pushing && /\bpush/i.test(lastLines(tail, 3))) throw error;
    throw new UserError(`The image build failed (exit ${error.result.code}):\n${tail}`, { cause: error });
  } finally {
    core.endGroup();
  }
}

async function buildxDigest(metadataFile: string): Promise<string | undefined> {
  try {
    const metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>;
    const digest = metadata['containerimage.digest'];
    return typeof digest === 'string' ? digest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Asks the registry what each tag now points at. A different digest means someone else
 * pushed in between and fails the step; a registry that cannot be asked (private, no
 * credentials for its API) leaves the push's own digest, with a warning.
 */
async function confirmDigest(
  image: ImageName,
  tags: readonly string[],
  digest: string,
  credentials: RegistryCredentials | undefined,
): Promise<{ confirmed: boolean; remote?: RemoteManifest }> {
  let first: RemoteManifest | undefined;
  for (const tag of tags) {
    let remote: RemoteManifest;
    try {
      remote = await fetchManifest(image, tag, { credentials });
    } catch (error) {
      core.warning(
        `Could not confirm the digest with ${image.registry} (${(error as Error).message}); ` +
          `using the digest docker push reported, ${digest}.`,
      );
      return { confirmed: false, remote: first };
    }
    if (remote.digest !== digest) {
      throw new UserError(
        `${image.name}:${tag} points at ${remote.digest} in the registry, not at the pushed ${digest}: ` +
          'another job pushed the same tag at the same time. Re-run the job; deploy by digest to avoid the race.',
      );
    }
    first ??= remote;
  }
  core.info(`Registry confirms ${tags.length} tag${tags.length === 1 ? '' : 's'} at ${digest}`);
  return { confirmed: true, remote: first };
}

async function localImageSize(docker: DockerClient, imageId: string): Promise<number | undefined> {
  const result = await docker.run(['image', 'inspect', '--format', '{{.Size}}', imageId], { allowFailure: true });
  const size = Number(result.stdout.trim());
  return result.code === 0 && Number.isFinite(size) ? size : undefined;
}
