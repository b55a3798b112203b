// Everything paved/setup does, testable without a runner. Names carry their concern (setup,
// dependency cache, build metadata) because the package root re-exports every concern side by side.
export { dependencyCacheKeys, hashLockfiles, resolveDependencyPaths } from './cache-keys.js';
export type { CacheKeyParts, CacheKeys } from './cache-keys.js';
export { sha256OfFile, shasumFor, verifySha256 } from './checksum.js';
export { restoreDependencyCache, saveDependencyCache, SETUP_CACHE_MODES } from './dependency-cache.js';
export type { DependencyCacheEntry, DependencySaveResult, SetupCacheMode } from './dependency-cache.js';
export { detectProjects } from './detect.js';
export type { DetectOptions } from './detect.js';
export { detectGo, goVersionRequest } from './detect-go.js';
export { detectNode, nodePackageManager, nodeVersionRequest } from './detect-node.js';
export { detectPython, pep440ToSemverRange, pythonVersionRequest } from './detect-python.js';
export { GO_DISTRIBUTION, goProvider, goVersionToSemver } from './go-dist.js';
export { buildMetadata, readBuildContext, refSlug, versionFromTag } from './metadata.js';
export { readGitHistory } from './git-version.js';
export type { GitHistory } from './git-version.js';
export type { BuildContext, BuildMetadata } from './metadata.js';
export { NODE_DISTRIBUTION, nodeProvider } from './node-dist.js';
export {
  ensurePackageManager,
  installCommand,
  installCommandText,
  requireLockfile,
  runInstall,
  storeCommand,
  storePaths,
} from './package-managers.js';
export { prepareJob, saveJobCaches, setupCacheState } from './prepare.js';
export type { PreparedProject, SetupCacheState, SetupOptions, SetupResult } from './prepare.js';
export type { RuntimeProvider, RuntimeRelease } from './provider.js';
export { PYTHON_DISTRIBUTION, pythonProvider } from './python-dist.js';
export { ensureRuntime } from './runtime.js';
export type { EnsureRuntimeOptions, PreparedRuntime } from './runtime.js';
export { SETUP_LANGUAGES } from './types.js';
export type {
  DetectedProject,
  PackageManagerChoice,
  PackageManagerName,
  SetupLanguage,
  VersionRequest,
} from './types.js';
export { isSemverSpec, normalizeVersionSpec, pickRelease } from './versions.js';
export type { ReleaseCandidate } from './versions.js';
