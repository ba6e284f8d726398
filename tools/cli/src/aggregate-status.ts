import type { RecordedEvent } from '@snapforge/event-store';
import type { AggregateKind } from './aggregate-kinds.js';
import { CliError } from './cli-error.js';
import { plainState } from './plain-state.js';

/** What `replay status` shows: an aggregate's state as of `at`, folded from its events recorded by then. */
export interface AggregateStatus {
  readonly kind: string;
  readonly id: string;
  readonly streamName: string;
  readonly at: string;
  /** How many of the stream's events were recorded by `at`, and how many it has now. */
  readonly eventsApplied: number;
  readonly eventsInStream: number;
  /** Revision and time of the last event applied. */
  readonly revision: number;
  readonly lastEventAt: string;
  readonly state: unknown;
}

export function aggregateStatus(
  kind: { name: string; definition: AggregateKind },
  id: string,
  streamName: string,
  events: readonly RecordedEvent[],
  at: Date,
): AggregateStatus {
  const first = events[0];
  if (!first) throw CliError.failed(`no ${kind.name} ${id}: stream ${streamName} has no events`);
  // A prefix of the stream, never a selection: a state folded from events with a gap is no state it ever had.
  const firstLater = events.findIndex((event) => event.recordedAt.getTime() > at.getTime());
  const applied = firstLater < 0 ? events : events.slice(0, firstLater);
  const last = applied.at(-1);
  if (!last) {
    throw CliError.failed(`${kind.name} ${id} did not exist yet at ${at.toISOString()}: its first event was recorded at ${first.recordedAt.toISOString()}`);
  }
  return {
    kind: kind.name,
    id,
    streamName,
    at: at.toISOString(),
    eventsApplied: applied.length,
    eventsInStream: events.length,
    revision: last.revision,
    lastEventAt: last.recordedAt.toISOString(),
    state: plainState(kind.definition.fold(applied)),
  };
}
