export * from './http-servers.js';
