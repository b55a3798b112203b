export * from './action/index.js';
export * from './config/index.js';
export * from './github/index.js';
export * from './checks/index.js';
export * from './metrics/index.js';
export * from './docker/index.js';
export * from './targets/index.js';
export * from './setup/index.js';
