export * from './registry-fixtures.js';
