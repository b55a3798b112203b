export * from './steady-load.js';
