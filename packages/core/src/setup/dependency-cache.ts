import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import type { SetupLanguage } from './types.js';

/**
 * @actions/cache (with the Azure SDK) is most of the bundle's start-up time; loaded only when a
 * cache is really restored or saved, a post step with nothing to save starts several times faster.
 */
const loadCache = () => import('@actions/cache');

export const SETUP_CACHE_MODES = ['read-write', 'read-only', 'off'] as const;
export type SetupCacheMode = (typeof SETUP_CACHE_MODES)[number];

/** What main restored for one ecosystem, and what post needs to save it: kept in the step state. */
export interface DependencyCacheEntry {
  language: SetupLanguage;
  key: string;
  restoreKeys: string[];
  paths: string[];
  /** The key restored, exact or through a restore key; undefined on a miss. */
  matchedKey?: string;
  /** True only for an exact match on `key`, as actions/cache's cache-hit. */
  hit: boolean;
  /** Why nothing was restored when that was not a plain miss (service unavailable, error). */
  problem?: string;
  restoreMs: number;
}

export interface DependencySaveResult {
  language: SetupLanguage;
  key: string;
  outcome: 'saved' | 'skipped' | 'failed';
  reason: string;
  durationMs: number;
}

/**
 * Restores a dependency cache with @actions/cache. Any failure of the cache service is a
 * warning, never a failed job: installing without a cache is only slower.
 */
export async function restoreDependencyCache(
  entry: Pick<DependencyCacheEntry, 'language' | 'key' | 'restoreKeys' | 'paths'>,
): Promise<DependencyCacheEntry> {
  const started = performance.now();
  const cache = await loadCache();
  const done = (fields: Partial<DependencyCacheEntry>): DependencyCacheEntry => ({
    ...entry,
    hit: false,
    ...fields,
    restoreMs: performance.now() - started,
  });
  if (!cache.isFeatureAvailable()) {
    const problem = 'the cache service is not configured on this runner (no ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL)';
    core.info(`Dependency cache unavailable: ${problem}; installing without it`);
    return done({ problem });
  }
  try {
    const matchedKey = await cache.restoreCache([...entry.paths], entry.key, [...entry.restoreKeys]);
    if (matchedKey === undefined) core.info(`Dependency cache miss for ${entry.key}`);
    return done({ matchedKey, hit: matchedKey === entry.key });
  } catch (error) {
    const problem = (error as Error).message;
    core.warning(`Dependency cache not restored (${problem}); installing without it.`);
    return done({ problem });
  }
}

/**
 * Saves the store after a successful job when that is useful and allowed: never in read-only
 * or off mode, never when the exact key was restored (entries are immutable, the store is the
 * same), and never when the store folder does not exist (nothing was downloaded).
 */
export async function saveDependencyCache(
  entry: DependencyCacheEntry,
  mode: SetupCacheMode,
): Promise<DependencySaveResult> {
  const started = performance.now();
  const result = (outcome: DependencySaveResult['outcome'], reason: string): DependencySaveResult => ({
    language: entry.language,
    key: entry.key,
    outcome,
    reason,
    durationMs: performance.now() - started,
  });
  if (mode !== 'read-write') return result('skipped', `cache is ${mode}`);
  if (entry.hit) return result('skipped', 'exact key was restored; entries are immutable');
  const cache = await loadCache();
  if (!cache.isFeatureAvailable()) return result('skipped', 'no cache service on this runner');
  const paths = entry.paths.filter((p) => existsSync(p));
  if (paths.length === 0) return result('skipped', `nothing to save: ${entry.paths.join(', ')} does not exist`);
  try {
    // Paths must be the ones restored with: @actions/cache hashes them into the entry's version.
    const id = await cache.saveCache([...entry.paths], entry.key);
    if (id === -1) {
      core.warning(
        `Dependency cache not saved for ${entry.key} (see the message above); the next run installs without it.`,
      );
      return result('failed', 'the cache service did not accept it');
    }
    core.info(`Dependency cache saved as ${entry.key}`);
    return result('saved', `entry ${id}`);
  } catch (error) {
    core.warning(`Dependency cache not saved for ${entry.key}: ${(error as Error).message}`);
    return result('failed', (error as Error).message);
  }
}
