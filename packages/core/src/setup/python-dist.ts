import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as exec from '@actions/exec';
import * as tc from '@actions/tool-cache';
import { childEnvironment } from '../action/child-env.js';
import { UserError } from '../action/errors.js';
import { fetchDistributionJson, tokenFor } from './fetch.js';
import { baseUrl, toolCacheArch } from './provider.js';
import type { RuntimeProvider, RuntimeRelease } from './provider.js';
import { pickRelease } from './versions.js';

export const PYTHON_DISTRIBUTION = 'https://raw.githubusercontent.com/actions/python-versions/main';

interface PythonManifestEntry {
  version: string;
  stable: boolean;
  files: { filename: string; arch: string; platform: string; platform_version?: string; download_url: string }[];
}

/**
 * CPython builds from actions/python-versions (what setup-python installs): a
 * versions-manifest.json listing archives per platform and platform version. The distribution
 * publishes no checksums, so none can be verified; a mirror serves its own manifest.
 */
export function pythonProvider(
  options: { mirror?: string | URL; arch?: string; platform?: string; token?: string; osVersion?: string } = {},
): RuntimeProvider {
  const base = baseUrl(options.mirror ?? PYTHON_DISTRIBUTION);
  const arch = toolCacheArch(options.arch);
  const platform = options.platform ?? process.platform;
  const osVersion = options.osVersion ?? linuxVersionId();
  const indexUrl = `${base}/versions-manifest.json`;
  let index: Promise<PythonManifestEntry[]> | undefined;
  return {
    language: 'python',
    tool: 'Python',
    displayName: 'Python',
    arch,
    indexUrl,
    async resolve(spec: string, source: string): Promise<RuntimeRelease> {
      index ??= fetchDistributionJson<PythonManifestEntry[]>(indexUrl, { token: tokenFor(indexUrl, options.token) });
      const entries = (await index).flatMap((entry) => {
        const files = entry.files?.filter((f) => f.platform === platform && f.arch === arch) ?? [];
        // The build for this OS release when there is one, else the newest OS release's build.
        const file =
          files.find((f) => f.platform_version === osVersion) ??
          [...files].sort((a, b) =>
            (b.platform_version ?? '').localeCompare(a.platform_version ?? '', 'en', { numeric: true }),
          )[0];
        return file ? [{ version: entry.version, stable: entry.stable, file }] : [];
      });
      const version = pickRelease(entries, spec, { runtime: 'Python', source, index: indexUrl });
      const file = entries.find((entry) => entry.version === version)?.file;
      if (!file) throw new UserError(`${indexUrl} lists Python ${version} without a ${platform}/${arch} build.`);
      return { version, filename: file.filename, url: new URL(file.download_url, indexUrl).href, archiveRoot: '' };
    },
    checksum: async () => undefined,
    async install(extracted: string, release: RuntimeRelease): Promise<string> {
      // Real archives carry setup.sh, which installs into the tool cache itself (as setup-python runs it).
      if (existsSync(path.join(extracted, 'setup.sh'))) {
        const code = await exec.exec('bash', ['./setup.sh'], {
          cwd: extracted,
          ignoreReturnCode: true,
          env: childEnvironment(),
        });
        if (code !== 0)
          throw new UserError(`Python ${release.version}'s setup.sh failed (exit ${code}): see the log above.`);
        const found = tc.find('Python', release.version, arch);
        if (found) return found;
      }
      return tc.cacheDir(extracted, 'Python', release.version, arch);
    },
    binDirs: (toolPath) => [toolPath, `${toolPath}/bin`],
    current: { command: 'python3', args: ['--version'], parse: (out) => /(\d+\.\d+\.\d+)/.exec(out)?.[1] },
  };
}

function linuxVersionId(): string | undefined {
  try {
    return /^VERSION_ID="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}
