export * from './nats-connection.js';
export * from './rpc-client.js';
export * from './rpc-request.error.js';
export * from './rpc-exception.filter.js';
export * from './service-identity.js';
export * from './messaging.module.js';
export * from './service-bootstrap.js';
export * from './work-queue.js';
