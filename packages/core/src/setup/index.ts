// Everything paved/setup does, testable without a runner. Names carry their concern (setup,
// dependency cache, build metadata) because the package root re-exports every concern side by side.
export { dependencyCacheKeys, hashLockfiles, resolveDependencyPaths } from './cache-keys.js';
export { restoreDependencyCache, saveDependencyCache, SETUP_CACHE_MODES } from './dependency-cache.js';
export type { DependencySaveResult, SetupCacheMode } from './dependency-cache.js';
export { detectProjects } from './detect.js';
export { pep440ToSemverRange } from './detect-python.js';
export { goProvider, goVersionToSemver } from './go-dist.js';
export { buildMetadata, refSlug, versionFromTag } from './metadata.js';
export type { BuildContext } from './metadata.js';
export { nodeProvider } from './node-dist.js';
export { ensurePackageManager, installCommand, requireLockfile, storePaths } from './package-managers.js';
export { prepareJob, saveJobCaches, setupCacheState } from './prepare.js';
export type { PreparedProject, SetupCacheState, SetupResult } from './prepare.js';
export { pythonProvider } from './python-dist.js';
export { ensureRuntime } from './runtime.js';
export { SETUP_LANGUAGES } from './types.js';
export type { SetupLanguage } from './types.js';
export { pickRelease } from './versions.js';
