import path from 'node:path';
import { UserError } from '../action/errors.js';
import { firstVersionLine, isFile, readOptional, toolVersionsEntry } from './files.js';
import type { DetectedProject, PackageManagerChoice, VersionRequest } from './types.js';

interface PackageJson {
  version?: unknown;
  packageManager?: unknown;
  volta?: { node?: unknown };
  devEngines?: { runtime?: unknown; packageManager?: unknown };
  engines?: { node?: unknown };
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  optionalDependencies?: Record<string, unknown>;
}

const LOCKFILES = {
  npm: ['package-lock.json', 'npm-shrinkwrap.json'],
  pnpm: ['pnpm-lock.yaml'],
  yarn: ['yarn.lock'],
} as const;

/** A Node project in `dir` (it has a package.json), or undefined. */
export function detectNode(dir: string, versionInput?: string): DetectedProject | undefined {
  const manifest = path.join(dir, 'package.json');
  const text = readOptional(manifest);
  if (text === undefined) return undefined;
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(text) as PackageJson;
  } catch (error) {
    throw new UserError(`${manifest} is not valid JSON (${(error as Error).message}): fix it, then re-run.`);
  }
  const packageManager = nodePackageManager(dir, pkg);
  const family = packageManager.name === 'yarn-classic' ? 'yarn' : (packageManager.name as keyof typeof LOCKFILES);
  const lockfile = LOCKFILES[family].map((name) => path.join(dir, name)).find(isFile);
  return {
    language: 'node',
    dir,
    manifest,
    version: nodeVersionRequest(dir, pkg, versionInput),
    packageManager,
    lockfile,
    expectedLockfile: LOCKFILES[family][0],
    packageVersion: typeof pkg.version === 'string' && pkg.version !== '' ? pkg.version : undefined,
    hasDependencies: [pkg.dependencies, pkg.devDependencies, pkg.optionalDependencies].some(
      (deps) => deps && Object.keys(deps).length > 0,
    ),
  };
}

/**
 * The Node version asked for, in setup-node's order: the input, then .nvmrc, .node-version,
 * .tool-versions, then package.json volta.node → devEngines.runtime → engines.node.
 */
export function nodeVersionRequest(dir: string, pkg: PackageJson, input?: string): VersionRequest | undefined {
  if (input) return { spec: input, source: 'input node-version' };
  for (const name of ['.nvmrc', '.node-version']) {
    const text = readOptional(path.join(dir, name));
    const line = text === undefined ? undefined : firstVersionLine(text);
    if (line) return { spec: line, source: name };
  }
  const tools = readOptional(path.join(dir, '.tool-versions'));
  const fromTools = tools === undefined ? undefined : toolVersionsEntry(tools, ['nodejs', 'node']);
  if (fromTools) return { spec: fromTools, source: '.tool-versions' };
  if (typeof pkg.volta?.node === 'string') return { spec: pkg.volta.node, source: 'package.json volta.node' };
  const runtimes = pkg.devEngines?.runtime;
  const runtime = (Array.isArray(runtimes) ? runtimes : [runtimes]).find(
    (entry): entry is { name: string; version?: unknown } =>
      typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === 'node',
  );
  if (typeof runtime?.version === 'string') return { spec: runtime.version, source: 'package.json devEngines.runtime' };
  if (typeof pkg.engines?.node === 'string') return { spec: pkg.engines.node, source: 'package.json engines.node' };
  return undefined;
}

/**
 * The package manager: package.json `packageManager` (what corepack honours) wins, then the
 * lockfile present, then devEngines.packageManager; npm when nothing says otherwise.
 */
export function nodePackageManager(dir: string, pkg: PackageJson): PackageManagerChoice {
  if (typeof pkg.packageManager === 'string') {
    const match = /^(npm|pnpm|yarn)@([^+]+)/.exec(pkg.packageManager);
    if (!match) {
      throw new UserError(
        `package.json packageManager '${pkg.packageManager}' is not one of npm@x, pnpm@x or yarn@x: fix it (e.g. "pnpm@9.12.0").`,
      );
    }
    const [, name = 'npm', version = ''] = match;
    return {
      name: name === 'yarn' ? yarnFlavour(dir, version) : (name as 'npm' | 'pnpm'),
      version,
      source: 'packageManager',
    };
  }
  if (isFile(path.join(dir, 'pnpm-lock.yaml'))) return { name: 'pnpm', source: 'pnpm-lock.yaml' };
  if (isFile(path.join(dir, 'yarn.lock'))) return { name: yarnFlavour(dir), source: 'yarn.lock' };
  for (const name of LOCKFILES.npm) if (isFile(path.join(dir, name))) return { name: 'npm', source: name };
  const declared = pkg.devEngines?.packageManager as { name?: unknown } | undefined;
  if (declared && (declared.name === 'pnpm' || declared.name === 'yarn')) {
    return {
      name: declared.name === 'yarn' ? yarnFlavour(dir) : 'pnpm',
      source: 'package.json devEngines.packageManager',
    };
  }
  return { name: 'npm', source: 'default (no other lockfile)' };
}

/**
 * Yarn 1 and Yarn 2+ take different flags for a lockfile-respecting install
 * (--frozen-lockfile vs --immutable); a Berry project has .yarnrc.yml or a lockfile with
 * `__metadata`.
 */
function yarnFlavour(dir: string, version?: string): 'yarn' | 'yarn-classic' {
  if (version) return version.startsWith('1.') ? 'yarn-classic' : 'yarn';
  if (isFile(path.join(dir, '.yarnrc.yml'))) return 'yarn';
  const lock = readOptional(path.join(dir, 'yarn.lock'));
  return lock?.includes('__metadata:') ? 'yarn' : 'yarn-classic';
}
