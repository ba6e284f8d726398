import { randomUUID } from 'node:crypto';
import type { Decider } from '@snapforge/domain';
import { currentCorrelationId } from '@snapforge/observability';
import { deterministicUuid } from './deterministic-uuid.js';
import type { EventStore } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import { streamStateCacheOf, type KnownStreamState, type StreamStateCache } from './stream-state-cache.js';
import { WrongExpectedVersionError } from './wrong-expected-version.error.js';

type AnyEvent = { readonly type: string; readonly data: object };

export interface CommandOutcome<State, Event> {
  /** The events this command appended: none when it changed nothing (a retry, an idempotent repeat). */
  readonly events: Event[];
  /** The stream's state after the command. */
  readonly state: State;
  /** Where the last appended event sits, for read-your-writes; absent when nothing was appended. */
  readonly position?: GlobalPosition;
}

export interface CommandOptions {
  /** Gives the events ids of its own: a retried command appends the same ones, which the store drops. */
  readonly idempotencyKey?: string;
  /**
   * The stream most likely does not exist yet (its id was just made, or names something new): the
   * command is decided on an empty stream without reading it, and the append confirms that it is.
   */
  readonly expectNew?: boolean;
}

const MAX_ATTEMPTS = 5;

/**
 * Load, decide, append — with optimistic concurrency on the stream instead of any lock: when another
 * writer got there first, reload and decide again on the newer state (the decider may now refuse).
 * The events carry the correlation id in scope as `metadata.correlationId`.
 *
 * The load is skipped when this process already knows the stream's state (it handled the stream's
 * last command) or is told to expect a new stream: only an append confirms such a state, because
 * another process may have written the stream. So a decision on it that appends nothing or refuses
 * is taken again on a fresh read.
 */
export async function handleCommand<Command, State, Event extends AnyEvent>(
  store: EventStore,
  decider: Decider<Command, State, Event>,
  streamName: string,
  command: Command,
  options: CommandOptions = {},
): Promise<CommandOutcome<State, Event>> {
  const correlationId = currentCorrelationId();
  const metadata = correlationId === undefined ? {} : { metadata: { correlationId } };
  const cache = streamStateCacheOf(store, decider);
  let known = cache.get(streamName) ?? (options.expectNew ? { state: decider.initialState(), revision: 'no_stream' as const } : undefined);
  let conflicts = 0;
  for (;;) {
    const unconfirmed = known !== undefined;
    const { state, revision } = known ?? (await load(store, decider, streamName, cache));
    known = undefined;
    let events: Event[];
    try {
      events = decider.decide(command, state);
    } catch (error) {
      if (unconfirmed) continue;
      throw error;
    }
    if (events.length === 0) {
      if (unconfirmed) continue;
      return { events, state };
    }
    try {
      const { position, nextExpectedRevision } = await store.append(
        streamName,
        events.map((event, index) => ({ id: eventId(options.idempotencyKey, streamName, index), type: event.type, data: event.data, ...metadata })),
        { expectedRevision: revision },
      );
      const next = events.reduce(decider.evolve, state);
      cache.set(streamName, { state: next, revision: nextExpectedRevision });
      return { events, state: next, position };
    } catch (error) {
      cache.forget(streamName);
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A known state that was out of date is no conflict with another writer: it costs no attempt.
      if (!unconfirmed && ++conflicts >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** The stream's state from its events, remembered for the next command on it. */
async function load<Command, State, Event extends AnyEvent>(
  store: EventStore,
  decider: Decider<Command, State, Event>,
  streamName: string,
  cache: StreamStateCache<State>,
): Promise<KnownStreamState<State>> {
  const recorded = await store.readStream(streamName);
  const state = recorded.reduce((current, event) => decider.evolve(current, event as unknown as Event), decider.initialState());
  const loaded = { state, revision: recorded.at(-1)?.revision ?? ('no_stream' as const) };
  cache.set(streamName, loaded);
  return loaded;
}

/** With an idempotency key, a retried command appends events with the same ids, which the store drops. */
function eventId(idempotencyKey: string | undefined, streamName: string, index: number): string {
  return idempotencyKey === undefined ? randomUUID() : deterministicUuid(`${idempotencyKey}:${streamName}:${index}`);
}
