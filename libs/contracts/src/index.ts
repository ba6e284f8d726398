export * from './services.js';
export * from './rpc.js';
export * from './health.js';
