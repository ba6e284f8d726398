export * from './free-port.js';
export * from './test-resources.js';
export * from './nats-server.js';
export * from './listening-process.js';
export * from './docker-for-tests.js';
export * from './registry.js';
export * from './service-stack.js';
export * from './tcp-proxy.js';
