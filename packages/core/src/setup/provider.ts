import type { SetupLanguage } from './types.js';

/** One downloadable release of a runtime, as its distribution describes it. */
export interface RuntimeRelease {
  /** Clean semver, e.g. 24.21.0. */
  version: string;
  url: string;
  filename: string;
  /** Expected SHA-256 when the index itself carries it (Go); others fetch it in `checksum`. */
  sha256?: string;
  /** Folder inside the archive that holds the runtime ('' when the archive is flat). */
  archiveRoot: string;
}

/** A runtime's official distribution (or a mirror of it): index, archives, checksums. */
export interface RuntimeProvider {
  language: SetupLanguage;
  /** Name in the runner's tool cache, as setup-node/python/go use it: node, Python, go. */
  tool: string;
  displayName: string;
  /** Architecture folder in the tool cache: x64, arm64. */
  arch: string;
  /** Where versions are looked up, for messages. */
  indexUrl: string;
  /** The newest release matching the spec; UserError when there is none. */
  resolve(spec: string, source: string): Promise<RuntimeRelease>;
  /**
   * The published SHA-256 of the release's archive and where it came from; undefined when the
   * distribution publishes none (actions/python-versions does not).
   */
  checksum(release: RuntimeRelease): Promise<{ sha256: string; source: string } | undefined>;
  /** Turns an extracted archive into a tool-cache folder; by default tool-cache's cacheDir. */
  install?(extracted: string, release: RuntimeRelease): Promise<string>;
  /** Folders to put on PATH for a tool-cache folder. */
  binDirs(toolPath: string): string[];
  /** The command printing the version of the runtime already on PATH, and how to read it. */
  current: { command: string; args: string[]; parse: (output: string) => string | undefined };
}

/** The runner's architecture in the names tool caches use (x64, arm64). */
export function toolCacheArch(arch: string = process.arch): string {
  return arch;
}

/** A base URL without its trailing slash, so paths can be appended the same way for every mirror. */
export function baseUrl(url: string | URL): string {
  return String(url).replace(/\/+$/, '');
}
