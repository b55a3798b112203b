import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeStateDir } from '../process/state-dir.js';
import { runProgram } from '../process/run-program.js';
import { buildImage, type Builder, type BuildTarget } from './build-image.js';
import { sharedLibraries } from './node-binary.js';
import { place } from './rootfs.js';

export interface CaddyImage {
  /** e.g. paved/caddy:2.6.2 */
  image: string;
  version: string;
  builder: Builder;
}

export interface CaddyImageOptions {
  /** Tag to build; default paved/caddy:<version>. */
  tag?: string;
  /** An extra label, to build a second image of the same Caddy with another digest. */
  variant?: string;
}

const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * A Caddy image without Docker Hub, laid out like the official one (caddy on PATH, /etc/caddy,
 * /config and /data with XDG_CONFIG_HOME/XDG_DATA_HOME pointing there, CA certificates):
 * Debian's /usr/bin/caddy plus the libraries ldd lists, COPY'd into a FROM scratch image.
 * Small enough (~40 MB) to build per test run.
 */
export async function buildCaddyImage(target: BuildTarget, options: CaddyImageOptions = {}): Promise<CaddyImage> {
  const binary = '/usr/bin/caddy';
  const versionRun = await runProgram(binary, ['version'], { timeoutMs: 15_000 });
  const version = /v?(\d+\.\d+\.\d+)/.exec(versionRun.stdout)?.[1];
  if (!version) throw new Error(`Could not read Caddy's version from '${versionRun.stdout.trim()}'`);
  const image = options.tag ?? `paved/caddy:${version}`;
  const context = await makeStateDir('paved-caddyimg-');
  try {
    const rootfs = join(context, 'rootfs');
    await place(binary, join(rootfs, 'usr/bin/caddy'));
    for (const library of await sharedLibraries(binary)) await place(library, join(rootfs, library));
    await place(CA_BUNDLE, join(rootfs, CA_BUNDLE));
    for (const folder of ['etc/caddy', 'config', 'data', 'srv', 'tmp']) {
      await mkdir(join(rootfs, folder), { recursive: true });
    }
    const variant = options.variant ? ` org.paved.variant="${options.variant.replace(/[^\w.-]/g, '-')}"` : '';
    await writeFile(
      join(context, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY rootfs/ /',
        'ENV PATH=/usr/bin:/bin XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data',
        `LABEL org.opencontainers.image.title="paved caddy" org.opencontainers.image.version="${version}"${variant}`,
        'EXPOSE 80 443 2019',
        'WORKDIR /srv',
        'CMD ["caddy", "run", "--config", "/etc/caddy/caddy.json"]',
        '',
      ].join('\n'),
    );
    const built = await buildImage(target, { context, tag: image });
    return { image, version, builder: built.builder };
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
