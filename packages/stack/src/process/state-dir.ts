import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProgram } from './run-program.js';

// Unix socket paths are limited to ~107 bytes; dockerd nests containerd's sockets a few levels
// below its exec-root, so the state folder itself has to stay short.
const MAX_BASE_LENGTH = 40;

/** A fresh temporary folder for a service's state, short enough for unix sockets. */
export async function makeStateDir(prefix = 'paved-stack-'): Promise<string> {
  const base = tmpdir().length <= MAX_BASE_LENGTH ? tmpdir() : '/tmp';
  return mkdtemp(join(base, prefix));
}

/** A sub-folder of `parent`, or a new temporary folder when no parent is given. */
export async function serviceDir(parent: string | undefined, name: string): Promise<string> {
  if (!parent) return makeStateDir(`paved-${name}-`);
  const dir = join(parent, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Removes a state folder, first unmounting what a daemon left mounted inside it. */
export async function removeStateDir(dir: string): Promise<void> {
  if (process.env.PAVED_STACK_KEEP === '1') return;
  await unmountUnder(dir);
  // No maxRetries: on a busy mount it retries for minutes instead of failing.
  await rm(dir, { recursive: true, force: true });
}

/*
 * dockerd bind-mounts its network namespace at <exec-root>/netns/default and leaves it after a
 * clean shutdown; the folder cannot be removed until it is unmounted. Only mounts below our
 * own state folder are touched.
 */
async function unmountUnder(dir: string): Promise<void> {
  let mounts: string;
  try {
    mounts = await readFile('/proc/mounts', 'utf8');
  } catch {
    return;
  }
  const prefix = `${dir}/`;
  const points = mounts
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((point): point is string => point !== undefined && point.startsWith(prefix))
    .sort((a, b) => b.length - a.length);
  for (const point of points) await runProgram('umount', [point], { allowFailure: true, timeoutMs: 10_000 });
}

/** Runs a service's start-up and removes its state folder if that fails (the error keeps the log tail). */
export async function cleanOnFailure<T>(dir: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    await removeStateDir(dir).catch(() => undefined);
    throw error;
  }
}
