import type { EventData, RecordedEvent } from './event-data.js';
import type { ExpectedRevision } from './expected-revision.js';
import type { GlobalPosition } from './global-position.js';

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append: the expected revision for the next one. */
  readonly nextExpectedRevision: number;
  /** Position of the last appended event. */
  readonly position: GlobalPosition;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
}

export interface ReadAllOptions {
  /** Exclusive: only events after this position. */
  readonly after?: GlobalPosition;
}

/** Live events in global order; iterating ends once `close()` is called. */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Appends all events or none; throws WrongExpectedVersionError when the expectation does not hold. */
  append(streamName: string, events: readonly EventData[], options: AppendOptions): Promise<AppendResult>;
  /** The stream's events in order; [] when the stream does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** All events in global order, up to the end as it was when the read started. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Position of the newest event of all streams; undefined while the store is empty. */
  headPosition(): Promise<GlobalPosition | undefined>;
  /** Catches up from `after` (exclusive; from the very start without it), then follows new events. */
  subscribeToAll(options?: ReadAllOptions): EventSubscription;
  /** Ends open subscriptions and releases what the store itself opened. */
  close(): Promise<void>;
}
