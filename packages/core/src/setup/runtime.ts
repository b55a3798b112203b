import * as core from '@actions/core';
import * as exec from '@actions/exec';
import * as tc from '@actions/tool-cache';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { childEnvironment } from '../action/child-env.js';
import { UserError } from '../action/errors.js';
import { verifySha256 } from './checksum.js';
import { tokenFor } from './fetch.js';
import type { RuntimeProvider, RuntimeRelease } from './provider.js';
import type { VersionRequest } from './types.js';
import { isSemverSpec, normalizeVersionSpec } from './versions.js';

export interface PreparedRuntime {
  version: string;
  /** tool-cache: already on the runner; download: fetched now; path: no version asked, the one on PATH. */
  source: 'tool-cache' | 'download' | 'path';
  request?: VersionRequest;
  /** The tool-cache folder (not set for `path`). */
  toolPath?: string;
  downloadUrl?: string;
  /** Where the verified checksum came from, or 'not published'. */
  checksum?: string;
  durationMs: number;
}

export interface EnsureRuntimeOptions {
  token?: string;
}

/**
 * Makes the requested runtime the one on PATH: the runner's tool cache when it holds a
 * matching version (as setup-node does without check-latest), otherwise a download from the
 * distribution, verified against its published SHA-256, extracted and added to the tool cache
 * so the next job on this runner finds it.
 */
export async function ensureRuntime(
  provider: RuntimeProvider,
  request: VersionRequest | undefined,
  options: EnsureRuntimeOptions = {},
): Promise<PreparedRuntime> {
  const started = performance.now();
  if (!request) {
    const version = await currentVersion(provider);
    core.info(`${provider.displayName}: no version requested, using ${version} from PATH`);
    return { version, source: 'path', durationMs: performance.now() - started };
  }
  const spec = normalizeVersionSpec(request.spec);
  let toolPath = isSemverSpec(spec) ? tc.find(provider.tool, spec, provider.arch) : '';
  let release: RuntimeRelease | undefined;
  let checksum: string | undefined;
  if (!toolPath) {
    release = await provider.resolve(spec, request.source);
    toolPath = tc.find(provider.tool, release.version, provider.arch);
  }
  if (!toolPath && release) {
    checksum = await download(provider, release, options);
    toolPath = tc.find(provider.tool, release.version, provider.arch);
  }
  if (!toolPath) throw new Error(`${provider.displayName} was installed but the tool cache does not list it`);
  const version = path.basename(path.dirname(toolPath));
  for (const dir of provider.binDirs(toolPath)) core.addPath(dir);
  const source = checksum === undefined ? 'tool-cache' : 'download';
  core.info(
    source === 'tool-cache'
      ? `${provider.displayName} ${version} (${request.spec} from ${request.source}) found in the runner's tool cache`
      : `${provider.displayName} ${version} (${request.spec} from ${request.source}) downloaded from ${release?.url}, checksum ${checksum}`,
  );
  return {
    version,
    source,
    request,
    toolPath,
    downloadUrl: source === 'download' ? release?.url : undefined,
    checksum,
    durationMs: performance.now() - started,
  };
}

async function download(
  provider: RuntimeProvider,
  release: RuntimeRelease,
  options: EnsureRuntimeOptions,
): Promise<string> {
  const published = await provider.checksum(release);
  let archive: string;
  try {
    archive = await tc.downloadTool(release.url, undefined, authFor(release.url, options.token));
  } catch (error) {
    const status = (error as { httpStatusCode?: number }).httpStatusCode;
    throw new UserError(
      `Downloading ${provider.displayName} ${release.version} from ${release.url} failed: ` +
        `${status ? `HTTP ${status}` : (error as Error).message}. ` +
        'Check that the runner can reach it, or that the mirror serves the official layout.',
      { cause: error },
    );
  }
  if (published) {
    await verifySha256(archive, published.sha256, `${release.filename} (${release.url})`, published.source);
  } else {
    core.info(`${provider.displayName} ${release.version}: the distribution publishes no checksum to verify against`);
  }
  let extracted: string;
  try {
    extracted = release.filename.endsWith('.zip')
      ? await tc.extractZip(archive)
      : await tc.extractTar(archive, undefined, release.filename.endsWith('.tar.xz') ? 'xJ' : 'xz');
  } catch (error) {
    throw new UserError(
      `${release.filename} from ${release.url} could not be extracted (${(error as Error).message}): the archive is corrupt.`,
      { cause: error },
    );
  }
  const root = path.join(extracted, release.archiveRoot);
  if (!existsSync(root)) {
    throw new UserError(
      `${release.filename} from ${release.url} has no ${release.archiveRoot}/ folder: it is not an official archive; fix the mirror.`,
    );
  }
  if (provider.install) await provider.install(root, release);
  else await tc.cacheDir(root, provider.tool, release.version, provider.arch);
  return published ? `verified against ${published.source}` : 'not published';
}

function authFor(url: string, token?: string): string | undefined {
  const allowed = tokenFor(url, token);
  return allowed ? `token ${allowed}` : undefined;
}

async function currentVersion(provider: RuntimeProvider): Promise<string> {
  const { command, args, parse } = provider.current;
  let output: exec.ExecOutput;
  try {
    output = await exec.getExecOutput(command, args, { silent: true, ignoreReturnCode: true, env: childEnvironment() });
  } catch {
    throw new UserError(
      `No ${provider.displayName} version was requested and '${command}' is not on PATH: ` +
        `set the ${provider.language}-version input or add a version file (see the paved/setup README).`,
    );
  }
  const version = parse(output.stdout + output.stderr);
  if (output.exitCode !== 0 || !version) {
    throw new UserError(
      `'${command} ${args.join(' ')}' did not print a version (exit ${output.exitCode}): check the runner's ${provider.displayName}.`,
    );
  }
  return version;
}
