// A base image built from this machine's files, once per engine: present on the engine → used;
// saved under ~/.cache/paved → loaded; else built in a temporary context (removed afterwards)
// and saved, so the next `paved stack up` only loads it.
import { copyFile, mkdir, mkdtemp, realpath, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildImage, runDocker, type DockerEngine } from '@paved/stack';

export interface CachedImage {
  /** e.g. paved/go-base:1.26.8 */
  image: string;
  /** The tarball's name in the cache folder. */
  cacheName: string;
  /** Fills the build context (a Dockerfile and what it copies). */
  fill(context: string): Promise<void>;
}

export async function ensureCachedImage(engine: DockerEngine, wanted: CachedImage): Promise<string> {
  const docker = (args: string[]) => runDocker(args, { env: engine.env(), timeoutMs: 300_000, allowFailure: true });
  if ((await docker(['image', 'inspect', '--format', '{{.Id}}', wanted.image])).code === 0) return wanted.image;
  const cacheDir = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'paved');
  const cachePath = path.join(cacheDir, wanted.cacheName);
  if ((await size(cachePath)) > 0 && (await docker(['load', '--input', cachePath])).code === 0) return wanted.image;

  const context = await mkdtemp(path.join(os.tmpdir(), 'paved-baseimg-'));
  try {
    await wanted.fill(context);
    await buildImage(engine, { context, tag: wanted.image });
    await mkdir(cacheDir, { recursive: true });
    const partial = `${cachePath}.${process.pid}.partial`;
    if ((await docker(['save', '--output', partial, wanted.image])).code === 0) await rename(partial, cachePath);
    else await rm(partial, { force: true });
    return wanted.image;
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/** Copies a file (its target, when a link) to `destination`, making the folders on the way. */
export async function place(source: string, destination: string): Promise<void> {
  await mkdir(path.dirname(destination), { recursive: true });
  await copyFile(await realpath(source), destination);
}

async function size(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
