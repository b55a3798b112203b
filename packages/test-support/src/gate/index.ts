export * from './synthetic-service.js';
