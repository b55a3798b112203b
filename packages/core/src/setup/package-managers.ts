import * as core from '@actions/core';
import * as exec from '@actions/exec';
import * as io from '@actions/io';
import path from 'node:path';
import { childEnvironment } from '../action/child-env.js';
import { UserError } from '../action/errors.js';
import type { DetectedProject, PackageManagerName } from './types.js';

export interface Command {
  command: string;
  args: string[];
}

/** The lockfile-respecting install: it fails instead of rewriting a lockfile that is out of date. */
export function installCommand(project: DetectedProject): Command {
  const lockfile = project.lockfile ? path.basename(project.lockfile) : project.expectedLockfile;
  switch (project.packageManager.name) {
    case 'npm':
      return { command: 'npm', args: ['ci'] };
    case 'pnpm':
      return { command: 'pnpm', args: ['install', '--frozen-lockfile'] };
    case 'yarn':
      return { command: 'yarn', args: ['install', '--immutable'] };
    case 'yarn-classic':
      return { command: 'yarn', args: ['install', '--frozen-lockfile'] };
    case 'pip':
      return { command: 'python3', args: ['-m', 'pip', 'install', '-r', lockfile] };
    case 'uv':
      return { command: 'uv', args: ['sync', '--frozen'] };
    case 'poetry':
      return { command: 'poetry', args: ['install', '--no-interaction'] };
    case 'go':
      return { command: 'go', args: ['mod', 'download'] };
  }
}

/** Asks the package manager where it keeps downloads: that folder is what the cache saves. */
export function storeCommand(name: PackageManagerName): Command {
  switch (name) {
    case 'npm':
      return { command: 'npm', args: ['config', 'get', 'cache'] };
    case 'pnpm':
      return { command: 'pnpm', args: ['store', 'path', '--silent'] };
    case 'yarn':
      return { command: 'yarn', args: ['config', 'get', 'cacheFolder'] };
    case 'yarn-classic':
      return { command: 'yarn', args: ['cache', 'dir'] };
    case 'pip':
      return { command: 'python3', args: ['-m', 'pip', 'cache', 'dir'] };
    case 'uv':
      return { command: 'uv', args: ['cache', 'dir'] };
    case 'poetry':
      return { command: 'poetry', args: ['config', 'cache-dir'] };
    case 'go':
      return { command: 'go', args: ['env', 'GOMODCACHE'] };
  }
}

/** The lines to give a person who has no lockfile, per package manager. */
const CREATE_LOCKFILE: Record<PackageManagerName, string> = {
  npm: 'run `npm install` and commit package-lock.json',
  pnpm: 'run `pnpm install` and commit pnpm-lock.yaml',
  yarn: 'run `yarn install` and commit yarn.lock',
  'yarn-classic': 'run `yarn install` and commit yarn.lock',
  pip: 'commit a requirements.txt with pinned versions (`pip freeze > requirements.txt`)',
  uv: 'run `uv lock` and commit uv.lock',
  poetry: 'run `poetry lock` and commit poetry.lock',
  go: 'run `go mod tidy` and commit go.sum',
};

/**
 * Refuses to go on without a lockfile when dependencies are to be installed: an install
 * without one resolves whatever is newest today, so the build is not reproducible and the
 * cache key has nothing stable to hash.
 */
export function requireLockfile(project: DetectedProject): void {
  if (project.lockfile) return;
  throw new UserError(
    `No ${project.expectedLockfile} in ${project.dir}: ${installCommandText(project)} needs one to install exactly what was tested. ` +
      `To fix it, ${CREATE_LOCKFILE[project.packageManager.name]}; or set install: false to skip installing.`,
  );
}

export function installCommandText(project: DetectedProject): string {
  const { command, args } = installCommand(project);
  return [command, ...args].join(' ');
}

/**
 * Makes sure the package manager's binary is on PATH before anything asks it for its store:
 * setup-node's `cache: pnpm` fails when pnpm is not installed first (its #530). pnpm and yarn
 * come through corepack, which ships with Node up to 24 and honours `packageManager`.
 */
export async function ensurePackageManager(project: DetectedProject, toolsDir: string): Promise<void> {
  const { name, version } = project.packageManager;
  const binary = installCommand(project).command;
  if (await io.which(binary, false)) return;
  if ((name === 'pnpm' || name === 'yarn' || name === 'yarn-classic') && (await io.which('corepack', false))) {
    const spec = `${binary}${version ? `@${version}` : ''}`;
    core.info(`${binary} is not on PATH: enabling ${spec} through corepack`);
    await io.mkdirP(toolsDir);
    const code = await exec.exec('corepack', ['enable', '--install-directory', toolsDir, binary], {
      cwd: project.dir,
      ignoreReturnCode: true,
      env: childEnvironment({ COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' }),
    });
    if (code === 0) {
      core.addPath(toolsDir);
      return;
    }
  }
  throw new UserError(
    `${binary} is not installed on this runner, and ${project.packageManager.source} asks for it: ` +
      `add a step that installs ${binary} before paved/setup, or set install: false.`,
  );
}

/** The package manager's store folders, as it reports them (absolute paths). */
export async function storePaths(project: DetectedProject): Promise<string[]> {
  const { command, args } = storeCommand(project.packageManager.name);
  const output = await exec.getExecOutput(command, args, {
    cwd: project.dir,
    silent: true,
    ignoreReturnCode: true,
    env: childEnvironment(),
  });
  const dir = output.stdout.trim().split(/\r?\n/).pop()?.trim();
  if (output.exitCode !== 0 || !dir || !path.isAbsolute(dir)) {
    throw new UserError(
      `'${[command, ...args].join(' ')}' did not print the package store folder (exit ${output.exitCode}${
        output.stderr.trim() ? `: ${output.stderr.trim().split('\n').pop()}` : ''
      }): the dependency cache cannot be used; set cache: off to go on without it.`,
    );
  }
  return [dir];
}

/**
 * Runs the install; a failure is the project's problem, so the message points at its lockfile.
 * `storeComplete`: the exact cache key was restored, so the store was saved right after an
 * install of this very lockfile and holds every tarball; npm then installs with --offline
 * (no registry round trips), and falls back to a normal install if anything is missing.
 */
export async function runInstall(
  project: DetectedProject,
  options: { storeComplete?: boolean } = {},
): Promise<{ command: string; durationMs: number }> {
  const { command, args } = installCommand(project);
  const started = performance.now();
  if (options.storeComplete && project.packageManager.name === 'npm') {
    const offline = [command, ...args, '--offline'];
    const code = await core.group(`Installing dependencies: ${offline.join(' ')}`, () =>
      exec.exec(command, [...args, '--offline'], { cwd: project.dir, ignoreReturnCode: true, env: childEnvironment() }),
    );
    if (code === 0) return { command: offline.join(' '), durationMs: performance.now() - started };
    core.info(`${offline.join(' ')} failed (exit ${code}): the restored store is incomplete; installing online`);
  }
  const text = [command, ...args].join(' ');
  const code = await core.group(`Installing dependencies: ${text}`, () =>
    exec.exec(command, args, { cwd: project.dir, ignoreReturnCode: true, env: childEnvironment() }),
  );
  if (code !== 0) {
    throw new UserError(
      `\`${text}\` failed with exit code ${code} in ${project.dir}: see its output above. ` +
        `If the lockfile is out of date with the manifest, ${CREATE_LOCKFILE[project.packageManager.name]} again.`,
    );
  }
  return { command: text, durationMs: performance.now() - started };
}
