import { UserError } from '../action/errors.js';
import { shasumFor } from './checksum.js';
import { fetchDistributionJson, fetchDistributionText } from './fetch.js';
import { baseUrl, toolCacheArch } from './provider.js';
import type { RuntimeProvider, RuntimeRelease } from './provider.js';
import { pickRelease } from './versions.js';

export const NODE_DISTRIBUTION = 'https://nodejs.org/dist';

interface NodeIndexEntry {
  version: string;
  lts: string | false;
  files: string[];
}

/**
 * Node.js from nodejs.org/dist or a mirror with the same layout (index.json,
 * v<version>/node-v<version>-<os>-<arch>.tar.gz, v<version>/SHASUMS256.txt), which is what
 * NVM_NODEJS_ORG_MIRROR-style mirrors serve.
 */
export function nodeProvider(
  options: { mirror?: string | URL; arch?: string; platform?: string } = {},
): RuntimeProvider {
  const base = baseUrl(options.mirror ?? NODE_DISTRIBUTION);
  const arch = toolCacheArch(options.arch);
  const platform = options.platform ?? process.platform;
  const os = platform === 'darwin' ? 'darwin' : platform === 'linux' ? 'linux' : undefined;
  // index.json names files per platform: linux-x64, osx-arm64-tar, …
  const indexKey = platform === 'darwin' ? `osx-${arch}-tar` : `linux-${arch}`;
  const indexUrl = `${base}/index.json`;
  let index: Promise<NodeIndexEntry[]> | undefined;
  return {
    language: 'node',
    tool: 'node',
    displayName: 'Node.js',
    arch,
    indexUrl,
    async resolve(spec: string, source: string): Promise<RuntimeRelease> {
      if (!os)
        throw new UserError(`Downloading Node.js on ${platform} is not supported yet: use a Linux or macOS runner.`);
      index ??= fetchDistributionJson<NodeIndexEntry[]>(indexUrl);
      const entries = (await index).filter((entry) => entry.files?.includes(indexKey));
      const version = pickRelease(
        entries.map((entry) => ({
          version: entry.version.replace(/^v/, ''),
          lts: entry.lts || undefined,
          stable: !/-/.test(entry.version),
        })),
        spec,
        { runtime: 'Node.js', source, index: indexUrl },
      );
      const filename = `node-v${version}-${os}-${arch}.tar.gz`;
      return {
        version,
        filename,
        url: `${base}/v${version}/${filename}`,
        archiveRoot: `node-v${version}-${os}-${arch}`,
      };
    },
    async checksum(release) {
      const source = `${base}/v${release.version}/SHASUMS256.txt`;
      const sha256 = shasumFor(await fetchDistributionText(source), release.filename);
      if (!sha256) {
        throw new UserError(
          `${source} lists no checksum for ${release.filename}: the mirror is incomplete; fix it or unset mirror.`,
        );
      }
      return { sha256, source };
    },
    binDirs: (toolPath) => [`${toolPath}/bin`],
    current: { command: 'node', args: ['--version'], parse: (out) => /v?(\d+\.\d+\.\d+)/.exec(out)?.[1] },
  };
}
