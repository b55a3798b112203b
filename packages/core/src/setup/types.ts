/** The ecosystems setup prepares. */
export const SETUP_LANGUAGES = ['node', 'python', 'go'] as const;
export type SetupLanguage = (typeof SETUP_LANGUAGES)[number];

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'yarn-classic' | 'pip' | 'uv' | 'poetry' | 'go';

/** A runtime version asked for, and where the request came from (shown in the log and summary). */
export interface VersionRequest {
  spec: string;
  source: string;
}

export interface PackageManagerChoice {
  name: PackageManagerName;
  /** From package.json `packageManager` (e.g. pnpm@9.12.0), when pinned there. */
  version?: string;
  /** Why this one: `packageManager`, `pnpm-lock.yaml`, `requirements.txt`, … */
  source: string;
}

/** One project found in the working directory. Paths are absolute. */
export interface DetectedProject {
  language: SetupLanguage;
  dir: string;
  /** package.json, pyproject.toml / requirements.txt, go.mod: what made it detected. */
  manifest: string;
  /** Undefined: no version asked for anywhere, so the runtime on PATH is used as is. */
  version?: VersionRequest;
  packageManager: PackageManagerChoice;
  /** The lockfile the install command honours; undefined when there is none. */
  lockfile?: string;
  /** The lockfile name that was expected, for the error when it is missing. */
  expectedLockfile: string;
  /** The package's own version (package.json, pyproject [project]), when it declares one. */
  packageVersion?: string;
  /** False when the manifest declares no dependency at all (a go.mod without require). */
  hasDependencies: boolean;
}
