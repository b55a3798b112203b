export * from './http-servers.js';
export * from './start-together.js';
export * from './fake-engine.js';
