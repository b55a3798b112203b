import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { makeStateDir } from '../process/state-dir.js';
import { buildImage, type Builder, type BuildTarget } from './build-image.js';
import { runDocker, type DockerCli } from './docker-cli.js';
import { nodeRuntimeBinary, sharedLibraries } from './node-binary.js';
import { place } from './rootfs.js';

export interface NodeBaseImage {
  /** e.g. paved/node-base:24.21.0 */
  image: string;
  nodeVersion: string;
  /** present: the engine had it; cache: loaded from the tarball; built: built now (and cached). */
  source: 'present' | 'cache' | 'built';
  builder?: Builder;
  cachePath: string;
}

export interface NodeBaseImageOptions {
  /** Default ~/.cache/paved (or $XDG_CACHE_HOME/paved). */
  cacheDir?: string;
}

/**
 * Makes `paved/node-base:<version>` available on an engine without Docker Hub: the Node 24
 * binary plus the libraries ldd lists, COPY'd into a FROM scratch image. The image is saved
 * once per machine (keyed by the binary's hash) so each fresh engine only `docker load`s it.
 */
export async function ensureNodeBaseImage(
  target: BuildTarget,
  options: NodeBaseImageOptions = {},
): Promise<NodeBaseImage> {
  const node = await nodeRuntimeBinary();
  const version = node.version.replace(/^v/, '');
  const image = `paved/node-base:${version}`;
  const cacheDir = options.cacheDir ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'paved');
  const cachePath = join(cacheDir, `node-base-${version}-${node.sha256.slice(0, 16)}.tar`);
  const docker = (args: string[], cli?: DockerCli) =>
    runDocker(args, { env: target.env(), cli, timeoutMs: 300_000, allowFailure: true });

  if ((await docker(['image', 'inspect', '--format', '{{.Id}}', image])).code === 0) {
    return { image, nodeVersion: node.version, source: 'present', cachePath };
  }
  if (await exists(cachePath)) {
    const loaded = await docker(['load', '--input', cachePath]);
    if (loaded.code === 0) return { image, nodeVersion: node.version, source: 'cache', cachePath };
    // A truncated tarball from an interrupted run: rebuild and overwrite it.
    await rm(cachePath, { force: true });
  }

  const context = await makeStateDir('paved-nodeimg-');
  try {
    const rootfs = join(context, 'rootfs');
    await place(node.path, join(rootfs, 'usr/local/bin/node'));
    for (const library of await sharedLibraries(node.path)) await place(library, join(rootfs, library));
    await mkdir(join(rootfs, 'tmp'), { recursive: true });
    await writeFile(
      join(context, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY rootfs/ /',
        'ENV PATH=/usr/local/bin:/usr/bin:/bin',
        `LABEL org.opencontainers.image.title="paved node base" org.opencontainers.image.version="${version}"`,
        'CMD ["node"]',
        '',
      ].join('\n'),
    );
    const built = await buildImage(target, { context, tag: image });
    await mkdir(cacheDir, { recursive: true });
    const partial = `${cachePath}.${process.pid}.partial`;
    const saved = await docker(['save', '--output', partial, image]);
    if (saved.code === 0) await rename(partial, cachePath);
    else await rm(partial, { force: true });
    return { image, nodeVersion: node.version, source: 'built', builder: built.builder, cachePath };
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}
