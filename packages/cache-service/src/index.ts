// Test infrastructure: GitHub's cache service on loopback. Core and the actions never import it.
export { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from './azurite.js';
export type { Azurite, AzuriteOptions } from './azurite.js';
export { findEntry, startCacheService } from './service.js';
export type { CacheService, CacheServiceEntry, CacheServiceOptions, CacheServiceRequest } from './service.js';
export { startCacheStack } from './stack.js';
export type { CacheStack } from './stack.js';
export { startArtifactService } from './artifact-service.js';
export type { ArtifactRecord, ArtifactService } from './artifact-service.js';
