export * from './docker-engine.js';
export * from './base-image.js';
