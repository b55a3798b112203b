import * as core from '@actions/core';
import os from 'node:os';
import path from 'node:path';
import { dependencyCacheKeys, hashLockfiles, resolveDependencyPaths } from './cache-keys.js';
import { restoreDependencyCache, saveDependencyCache } from './dependency-cache.js';
import type { DependencyCacheEntry, DependencySaveResult, SetupCacheMode } from './dependency-cache.js';
import { detectProjects } from './detect.js';
import { goProvider } from './go-dist.js';
import { readGitHistory } from './git-version.js';
import { buildMetadata, readBuildContext } from './metadata.js';
import type { BuildMetadata, BuildContext } from './metadata.js';
import { nodeProvider } from './node-dist.js';
import {
  ensurePackageManager,
  installCommandText,
  requireLockfile,
  runInstall,
  storePaths,
} from './package-managers.js';
import type { RuntimeProvider } from './provider.js';
import { pythonProvider } from './python-dist.js';
import { ensureRuntime } from './runtime.js';
import type { PreparedRuntime } from './runtime.js';
import type { DetectedProject, SetupLanguage } from './types.js';

export interface SetupOptions {
  /** Absolute folder of the project. */
  workingDirectory: string;
  /** Absolute workspace; cache-dependency-path is relative to it. */
  workspace: string;
  languages?: SetupLanguage[];
  versions?: Partial<Record<SetupLanguage, string>>;
  mirror?: URL;
  install?: boolean;
  cache?: SetupCacheMode;
  cacheDependencyPath?: string[];
  token?: string;
  /** Where corepack may put pnpm/yarn shims; RUNNER_TEMP/paved-tools by default. */
  toolsDir?: string;
  /** The build context; read from the runner's environment by default. */
  context?: BuildContext;
}

export interface PreparedProject {
  project: DetectedProject;
  runtime: PreparedRuntime;
  /** Undefined when no cache was used; `cacheNote` says why. */
  cache?: DependencyCacheEntry;
  cacheNote?: string;
  install?: { command: string; durationMs: number };
  /** Why nothing was installed, when nothing was. */
  installNote?: string;
}

export interface SetupResult {
  workingDirectory: string;
  projects: PreparedProject[];
  metadata: BuildMetadata;
  mode: SetupCacheMode;
  /** True when every cache used was an exact hit (and at least one was used). */
  cacheHit: boolean;
  durationMs: number;
}

/** What the post step needs to save the caches: the step state, as JSON. */
export interface SetupCacheState {
  mode: SetupCacheMode;
  entries: DependencyCacheEntry[];
}

function providerFor(language: SetupLanguage, options: SetupOptions): RuntimeProvider {
  if (language === 'node') return nodeProvider({ mirror: options.mirror });
  if (language === 'python') return pythonProvider({ mirror: options.mirror, token: options.token });
  return goProvider({ mirror: options.mirror });
}

/**
 * The whole preparation of a job: detect, runtimes, dependency caches, installs, metadata.
 * Checks that cannot pass later (a missing lockfile) run before anything slow is downloaded.
 */
export async function prepareJob(options: SetupOptions): Promise<SetupResult> {
  const started = performance.now();
  const install = options.install ?? true;
  const mode = options.cache ?? 'read-write';
  const projects = detectProjects(options.workingDirectory, {
    languages: options.languages,
    versions: options.versions,
  });
  if (projects.length === 0) {
    core.notice(
      `No Node, Python or Go project in ${options.workingDirectory} (no package.json, pyproject.toml, requirements*.txt or go.mod): ` +
        'only the build metadata was set. Set working-directory if the project is in a subfolder.',
    );
  }
  if (install) for (const project of projects) if (needsInstall(project)) requireLockfile(project);

  const prepared: PreparedProject[] = [];
  for (const project of projects) {
    core.info(describeDetection(project));
    const runtime = await ensureRuntime(providerFor(project.language, options), project.version, {
      token: options.token,
    });
    prepared.push({ project, runtime });
  }
  for (const entry of prepared) {
    const { project } = entry;
    if (!install) entry.installNote = 'install: false';
    else if (!needsInstall(project)) entry.installNote = 'no dependencies declared';
    const cacheable = mode !== 'off' && (project.lockfile || (options.cacheDependencyPath ?? []).length > 0);
    if (!entry.installNote || cacheable) {
      await ensurePackageManager(
        project,
        options.toolsDir ?? path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'paved-tools'),
      );
    }
    await restoreCache(entry, options, mode);
    if (!entry.installNote) entry.install = await runInstall(project, { storeComplete: entry.cache?.hit });
  }
  const withCache = prepared.filter((p) => p.cache);
  const packageVersion = projects.find((p) => p.packageVersion)?.packageVersion;
  return {
    workingDirectory: options.workingDirectory,
    projects: prepared,
    metadata: buildMetadata(
      options.context ?? readBuildContext(),
      packageVersion,
      readGitHistory(options.workingDirectory),
    ),
    mode,
    cacheHit: withCache.length > 0 && withCache.every((p) => p.cache?.hit),
    durationMs: performance.now() - started,
  };
}

function needsInstall(project: DetectedProject): boolean {
  // A go.mod without require has nothing to download and, rightly, no go.sum.
  return project.language !== 'go' || project.hasDependencies;
}

async function restoreCache(entry: PreparedProject, options: SetupOptions, mode: SetupCacheMode): Promise<void> {
  const { project, runtime } = entry;
  if (mode === 'off') {
    entry.cacheNote = 'cache: off';
    return;
  }
  const patterns = options.cacheDependencyPath ?? [];
  const lockfiles =
    patterns.length > 0
      ? await resolveDependencyPaths(patterns, options.workspace)
      : project.lockfile
        ? [project.lockfile]
        : [];
  if (lockfiles.length === 0) {
    entry.cacheNote = `no ${project.expectedLockfile} to key the cache on`;
    return;
  }
  const paths = await storePaths(project);
  const keys = dependencyCacheKeys({
    platform: process.platform,
    arch: process.arch,
    language: project.language,
    runtimeVersion: runtime.version,
    packageManager: project.packageManager.name,
    lockfileHash: await hashLockfiles(lockfiles),
  });
  entry.cache = await restoreDependencyCache({ language: project.language, ...keys, paths });
}

/** The post step: saves each cache main did not restore exactly, when the mode allows it. */
export async function saveJobCaches(state: SetupCacheState): Promise<DependencySaveResult[]> {
  const results: DependencySaveResult[] = [];
  for (const entry of state.entries) {
    const result = await saveDependencyCache(entry, state.mode);
    if (result.outcome === 'skipped') core.info(`Dependency cache for ${entry.language} not saved: ${result.reason}`);
    results.push(result);
  }
  return results;
}

export function setupCacheState(result: SetupResult): SetupCacheState {
  return { mode: result.mode, entries: result.projects.flatMap((p) => (p.cache ? [p.cache] : [])) };
}

function describeDetection(project: DetectedProject): string {
  const version = project.version ? `${project.version.spec} (from ${project.version.source})` : 'not requested';
  const lockfile = project.lockfile ? path.basename(project.lockfile) : `no ${project.expectedLockfile}`;
  return (
    `Detected ${project.language} in ${project.dir}: version ${version}, ` +
    `${project.packageManager.name} (from ${project.packageManager.source}), ${lockfile}, install with \`${installCommandText(project)}\``
  );
}
