/** Nest injection tokens of the event store and the checkpoint store (EventStoreModule provides them). */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');
