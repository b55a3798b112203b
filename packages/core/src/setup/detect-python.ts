import { readdirSync } from 'node:fs';
import path from 'node:path';
import { firstVersionLine, hasTomlSection, isFile, readOptional, toolVersionsEntry, tomlString } from './files.js';
import type { DetectedProject, PackageManagerChoice, VersionRequest } from './types.js';

/** A Python project in `dir` (pyproject.toml, requirements*.txt, uv.lock or poetry.lock), or undefined. */
export function detectPython(dir: string, versionInput?: string): DetectedProject | undefined {
  const pyprojectPath = path.join(dir, 'pyproject.toml');
  const pyproject = readOptional(pyprojectPath);
  const requirements = requirementsFiles(dir);
  const uvLock = path.join(dir, 'uv.lock');
  const poetryLock = path.join(dir, 'poetry.lock');
  const hasUv = isFile(uvLock);
  const hasPoetry = isFile(poetryLock);
  if (pyproject === undefined && requirements.length === 0 && !hasUv && !hasPoetry) return undefined;

  let packageManager: PackageManagerChoice;
  let lockfile: string | undefined;
  let expectedLockfile: string;
  if (hasUv) {
    [packageManager, lockfile, expectedLockfile] = [{ name: 'uv', source: 'uv.lock' }, uvLock, 'uv.lock'];
  } else if (hasPoetry) {
    [packageManager, lockfile, expectedLockfile] = [
      { name: 'poetry', source: 'poetry.lock' },
      poetryLock,
      'poetry.lock',
    ];
  } else if (requirements.length > 0) {
    const first = requirements[0] as string;
    packageManager = { name: 'pip', source: path.basename(first) };
    [lockfile, expectedLockfile] = [first, path.basename(first)];
  } else if (pyproject !== undefined && hasTomlSection(pyproject, 'tool.poetry')) {
    [packageManager, expectedLockfile] = [{ name: 'poetry', source: 'pyproject.toml [tool.poetry]' }, 'poetry.lock'];
  } else {
    [packageManager, expectedLockfile] = [{ name: 'uv', source: 'pyproject.toml (no lockfile)' }, 'uv.lock'];
  }
  return {
    language: 'python',
    dir,
    manifest: pyproject !== undefined ? pyprojectPath : (lockfile ?? pyprojectPath),
    version: pythonVersionRequest(dir, pyproject, versionInput),
    packageManager,
    lockfile,
    expectedLockfile,
    packageVersion: pyproject === undefined ? undefined : tomlString(pyproject, 'project', 'version'),
    hasDependencies: true,
  };
}

/** requirements.txt first, then the other requirements*.txt in name order. */
function requirementsFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => /^requirements.*\.txt$/.test(name))
    .sort((a, b) => Number(b === 'requirements.txt') - Number(a === 'requirements.txt') || a.localeCompare(b))
    .map((name) => path.join(dir, name))
    .filter(isFile);
}

/** The input, then .python-version, .tool-versions, then pyproject's requires-python. */
export function pythonVersionRequest(dir: string, pyproject?: string, input?: string): VersionRequest | undefined {
  if (input) return { spec: input, source: 'input python-version' };
  const file = readOptional(path.join(dir, '.python-version'));
  const line = file === undefined ? undefined : firstVersionLine(file);
  if (line) return { spec: line, source: '.python-version' };
  const tools = readOptional(path.join(dir, '.tool-versions'));
  const fromTools = tools === undefined ? undefined : toolVersionsEntry(tools, ['python']);
  if (fromTools) return { spec: fromTools, source: '.tool-versions' };
  const requires = pyproject === undefined ? undefined : tomlString(pyproject, 'project', 'requires-python');
  if (requires) return { spec: pep440ToSemverRange(requires), source: 'pyproject.toml requires-python' };
  return undefined;
}

/**
 * PEP 440 specifiers as a semver range: `>=3.10,<3.13` → `>=3.10 <3.13`, `~=3.11` → `>=3.11 <4`,
 * `==3.12.*` → `3.12.x`. Enough for requires-python, which names Python releases only.
 */
export function pep440ToSemverRange(spec: string): string {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const compatible = /^~=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(part);
      if (compatible) {
        const [, major, minor, patch] = compatible;
        return patch === undefined
          ? `>=${major}.${minor} <${Number(major) + 1}`
          : `>=${major}.${minor}.${patch} <${major}.${Number(minor) + 1}`;
      }
      const wildcard = /^==\s*([\d.]+)\.\*$/.exec(part);
      if (wildcard) return `${wildcard[1]}.x`;
      return part.replace(/^==\s*/, '').replace(/\s+/g, '');
    })
    .join(' ');
}
