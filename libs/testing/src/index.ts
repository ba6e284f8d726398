export * from './free-port.js';
export * from './test-resources.js';
export * from './nats-server.js';
