import { UserError } from '../action/errors.js';
import { fetchDistributionJson } from './fetch.js';
import { baseUrl, toolCacheArch } from './provider.js';
import type { RuntimeProvider, RuntimeRelease } from './provider.js';
import { pickRelease } from './versions.js';

export const GO_DISTRIBUTION = 'https://go.dev/dl';
const GO_DOWNLOADS = 'https://dl.google.com/go';

interface GoRelease {
  version: string;
  stable: boolean;
  files: { filename: string; os: string; arch: string; sha256: string; kind: string }[];
}

/** `go1.22.5` → 1.22.5, `go1.20` → 1.20.0, `go1.21rc2` → 1.21.0-rc.2: Go's names as semver. */
export function goVersionToSemver(name: string): string | undefined {
  const match = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta|alpha)(\d+))?$/.exec(name);
  if (!match) return undefined;
  const [, major, minor, patch = '0', pre, preNumber] = match;
  return `${major}.${minor}.${patch}${pre ? `-${pre}.${preNumber}` : ''}`;
}

/**
 * Go from go.dev/dl (`?mode=json&include=all` lists every release with each archive's
 * SHA-256) or a mirror answering the same query and serving the archives at `<mirror>/<filename>`.
 */
export function goProvider(options: { mirror?: string | URL; arch?: string; platform?: string } = {}): RuntimeProvider {
  const base = baseUrl(options.mirror ?? GO_DISTRIBUTION);
  const downloads = options.mirror ? base : GO_DOWNLOADS;
  const arch = toolCacheArch(options.arch);
  const goArch = arch === 'x64' ? 'amd64' : arch;
  const goOs = options.platform ?? process.platform;
  const indexUrl = `${base}/?mode=json&include=all`;
  let index: Promise<GoRelease[]> | undefined;
  return {
    language: 'go',
    tool: 'go',
    displayName: 'Go',
    arch,
    indexUrl,
    async resolve(spec: string, source: string): Promise<RuntimeRelease> {
      index ??= fetchDistributionJson<GoRelease[]>(indexUrl);
      const releases = (await index).flatMap((release) => {
        const version = goVersionToSemver(release.version);
        const file = release.files?.find((f) => f.os === goOs && f.arch === goArch && f.kind === 'archive');
        return version && file ? [{ version, stable: release.stable && !version.includes('-'), file }] : [];
      });
      const version = pickRelease(releases, spec.replace(/^go(?=\d)/, ''), { runtime: 'Go', source, index: indexUrl });
      const file = releases.find((release) => release.version === version)?.file;
      if (!file) throw new UserError(`${indexUrl} lists Go ${version} without a ${goOs}/${goArch} archive.`);
      return {
        version,
        filename: file.filename,
        url: `${downloads}/${file.filename}`,
        sha256: file.sha256,
        archiveRoot: 'go',
      };
    },
    async checksum(release) {
      return release.sha256 ? { sha256: release.sha256, source: indexUrl } : undefined;
    },
    binDirs: (toolPath) => [`${toolPath}/bin`],
    current: { command: 'go', args: ['version'], parse: (out) => goVersionToSemver(/\b(go\S+)/.exec(out)?.[1] ?? '') },
  };
}
