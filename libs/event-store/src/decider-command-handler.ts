import { randomUUID } from 'node:crypto';
import type { Decider } from '@snapforge/domain';
import { currentCorrelationId } from '@snapforge/observability';
import { deterministicUuid } from './deterministic-uuid.js';
import type { EventStore } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
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

const MAX_ATTEMPTS = 5;

/**
 * Load, decide, append — with optimistic concurrency on the stream instead of any lock: when another
 * writer got there first, reload and decide again on the newer state (the decider may now refuse).
 * The events carry the correlation id in scope as `metadata.correlationId`.
 */
export async function handleCommand<Command, State, Event extends AnyEvent>(
  store: EventStore,
  decider: Decider<Command, State, Event>,
  streamName: string,
  command: Command,
  options: { idempotencyKey?: string } = {},
): Promise<CommandOutcome<State, Event>> {
  const correlationId = currentCorrelationId();
  const metadata = correlationId === undefined ? {} : { metadata: { correlationId } };
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamName);
    const state = recorded.reduce((current, event) => decider.evolve(current, event as unknown as Event), decider.initialState());
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state };
    const last = recorded.at(-1);
    const expectedRevision = last === undefined ? 'no_stream' : last.revision;
    try {
      const { position } = await store.append(
        streamName,
        events.map((event, index) => ({ id: eventId(options.idempotencyKey, streamName, index), type: event.type, data: event.data, ...metadata })),
        { expectedRevision },
      );
      return { events, state: events.reduce(decider.evolve, state), position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** With an idempotency key, a retried command appends events with the same ids, which the store drops. */
function eventId(idempotencyKey: string | undefined, streamName: string, index: number): string {
  return idempotencyKey === undefined ? randomUUID() : deterministicUuid(`${idempotencyKey}:${streamName}:${index}`);
}
