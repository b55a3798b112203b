export * from './action/index.js';
export * from './config/index.js';
