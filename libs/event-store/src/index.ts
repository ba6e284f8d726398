export * from './checkpoint-store.port.js';
export * from './create-event-store.js';
export * from './event-data.js';
export * from './event-store.port.js';
export * from './expected-revision.js';
export * from './global-position.js';
export * from './jetstream/jetstream-event-store.js';
// A type only: createEventStore loads the KurrentDB adapter when it is asked for.
export type { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
export * from './kv-checkpoint-store.js';
export * from './wrong-expected-version.error.js';
export * from './decider-command-handler.js';
export * from './live-projection.js';
export * from './checkpointed-reactor.js';
export * from './event-store.module.js';
export * from './read-model-projection.js';
export * from './deterministic-uuid.js';
export * from './event-store.tokens.js';
export * from './projection-control.module.js';
