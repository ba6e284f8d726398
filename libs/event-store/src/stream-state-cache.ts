import type { Decider } from '@snapforge/domain';
import type { EventStore } from './event-store.port.js';
import type { CurrentRevision } from './expected-revision.js';

/** A stream's state as one decider folded it, and the revision that state is at. */
export interface KnownStreamState<State> {
  readonly state: State;
  readonly revision: CurrentRevision;
}

const MAX_STREAMS_PER_DECIDER = 10_000;

/**
 * The last state this process saw of each stream it handled commands on, newest first, at most
 * MAX_STREAMS_PER_DECIDER per decider. Only a hint: whoever uses an entry must let the append's
 * expected revision confirm it, since another process may have written the stream since.
 */
export class StreamStateCache<State> {
  private readonly entries = new Map<string, KnownStreamState<State>>();

  constructor(private readonly capacity = MAX_STREAMS_PER_DECIDER) {}

  get(streamName: string): KnownStreamState<State> | undefined {
    const entry = this.entries.get(streamName);
    if (entry === undefined) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used entry.
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    return entry;
  }

  set(streamName: string, entry: KnownStreamState<State>): void {
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(streamName: string): void {
    this.entries.delete(streamName);
  }
}

// One cache per store and decider: the store is the process's connection to the streams, and a state
// folded by one decider means nothing to another.
const caches = new WeakMap<EventStore, WeakMap<object, StreamStateCache<unknown>>>();

export function streamStateCacheOf<Command, State, Event>(store: EventStore, decider: Decider<Command, State, Event>): StreamStateCache<State> {
  let byDecider = caches.get(store);
  if (byDecider === undefined) caches.set(store, (byDecider = new WeakMap()));
  let cache = byDecider.get(decider);
  if (cache === undefined) byDecider.set(decider, (cache = new StreamStateCache<unknown>()));
  return cache as StreamStateCache<State>;
}
