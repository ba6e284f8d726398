export * from './docker-engine.js';
export * from './base-image.js';
export * from './image-builder.port.js';
export * from './dockerode-image-builder.js';
export * from './pull-progress.js';
export * from './sandbox-containers.js';
export * from './container-exec.js';
export * from './container-files.js';
