export * from './services.js';
export * from './rpc.js';
export * from './health.js';
export * from './snapshots.js';
export * from './build-jobs.js';
export * from './registries.js';
export * from './workspaces.js';
export * from './launchers.js';
