export * from './secret-box.js';
export * from './api-key.js';
