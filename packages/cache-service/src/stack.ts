import { startAzurite } from './azurite.js';
import type { Azurite } from './azurite.js';
import { startCacheService } from './service.js';
import type { CacheService, CacheServiceOptions } from './service.js';

export interface CacheStack {
  azurite: Azurite;
  service: CacheService;
  /** What a runner gives a step so that @actions/cache talks to this service (v2). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Azurite plus the cache service in front of it; close() stops both. */
export async function startCacheStack(
  options: Omit<CacheServiceOptions, 'blobEndpoint' | 'account' | 'accountKey'> = {},
): Promise<CacheStack> {
  const azurite = await startAzurite();
  let service: CacheService;
  try {
    service = await startCacheService({
      ...options,
      blobEndpoint: azurite.blobEndpoint,
      account: azurite.account,
      accountKey: azurite.key,
    });
  } catch (error) {
    await azurite.close();
    throw error;
  }
  return {
    azurite,
    service,
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: service.url,
      ACTIONS_RUNTIME_TOKEN: service.token,
    },
    async close() {
      await service.close();
      await azurite.close();
    },
  };
}
