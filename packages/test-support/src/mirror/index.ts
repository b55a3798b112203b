export * from './mirror.js';
