import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as glob from '@actions/glob';
import { UserError } from '../action/errors.js';
import type { SetupLanguage } from './types.js';

export interface CacheKeyParts {
  platform: string;
  arch: string;
  language: SetupLanguage;
  runtimeVersion: string;
  packageManager: string;
  lockfileHash: string;
}

export interface CacheKeys {
  key: string;
  /** Tried in order when the key misses; each is a prefix, newest entry first (as on GitHub). */
  restoreKeys: string[];
}

/**
 * `paved-<os>-<arch>-<lang>-<runtime version>-<pm>-<hash of lockfiles>`. Everything that makes
 * a store unusable elsewhere is in the key: a pip or Go cache is per-OS, native npm packages
 * are per-arch, pip wheels are per-Python. The restore key drops only the hash, so a changed
 * lockfile still starts from the previous store and downloads just the difference; it never
 * crosses runtimes or package managers, whose stores do not mix.
 */
export function dependencyCacheKeys(parts: CacheKeyParts): CacheKeys {
  const prefix = ['paved', parts.platform, parts.arch, parts.language, parts.runtimeVersion, parts.packageManager]
    .map((part) => part.replace(/[,\s]/g, '_'))
    .join('-');
  return { key: `${prefix}-${parts.lockfileHash}`, restoreKeys: [`${prefix}-`] };
}

/**
 * SHA-256 over the files' contents in path order, like the `hashFiles()` expression: the same
 * lockfile gives the same key on every runner and branch.
 */
export async function hashLockfiles(files: readonly string[]): Promise<string> {
  const combined = createHash('sha256');
  for (const file of [...files].sort()) {
    combined.update(
      createHash('sha256')
        .update(await readFile(file))
        .digest(),
    );
  }
  return combined.digest('hex');
}

/** The files `cache-dependency-path` names (globs allowed), relative to the workspace. */
export async function resolveDependencyPaths(patterns: readonly string[], workspace: string): Promise<string[]> {
  const absolute = patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    return `${negated ? '!' : ''}${path.resolve(workspace, body)}`;
  });
  const globber = await glob.create(absolute.join('\n'), { matchDirectories: false, implicitDescendants: false });
  const files = await globber.glob();
  if (files.length === 0) {
    throw new UserError(
      `cache-dependency-path matched no file (${patterns.join(', ')}, relative to ${workspace}): ` +
        'point it at your lockfiles, e.g. package-lock.json or services/*/package-lock.json.',
    );
  }
  return files.sort();
}
