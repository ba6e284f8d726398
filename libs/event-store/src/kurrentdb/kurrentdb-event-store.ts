import {
  ANY,
  BACKWARDS,
  END,
  excludeSystemEvents,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { AppendStreamState, CurrentStreamState, JSONType, Position, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import type { EventData, RecordedEvent } from '../event-data.js';
import type { AppendOptions, AppendResult, EventStore, EventSubscription, ReadAllOptions, ReadStreamOptions } from '../event-store.port.js';
import { assertValidExpectedRevision, type CurrentRevision, type ExpectedRevision } from '../expected-revision.js';
import { isAfter, type GlobalPosition } from '../global-position.js';
import { WrongExpectedVersionError } from '../wrong-expected-version.error.js';
import { KurrentDbSubscription } from './kurrentdb-subscription.js';

/** Event store on KurrentDB / EventStoreDB: JSON events, JSON metadata, system events left out of $all. */
export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentDbSubscription>();

  constructor(private readonly client: KurrentDBClient) {}

  /** Accepts `esdb://`, `esdb+discover://` and `kurrentdb://` connection strings; close() disposes the client. */
  static connect(connectionString: string): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString));
  }

  async append(streamName: string, events: readonly EventData[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    assertValidExpectedRevision(expectedRevision);
    let nextExpectedRevision: number;
    try {
      const result = await this.client.appendToStream(streamName, events.map(toKurrentEvent), {
        streamState: toStreamState(expectedRevision),
      });
      nextExpectedRevision = Number(result.nextExpectedRevision);
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersionError) {
        throw new WrongExpectedVersionError(streamName, expectedRevision, toCurrentRevision(error.actualState));
      }
      throw error;
    }
    // The append reply's position is that of the write (and absent for an idempotent retry), not
    // necessarily of its last event; read-your-writes waits for the event's own position.
    return { nextExpectedRevision, position: await this.positionOf(streamName, nextExpectedRevision) };
  }

  async readStream(streamName: string, { fromRevision = 0 }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { fromRevision: BigInt(fromRevision) })) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async *readAll({ after }: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const read = this.client.readAll({ fromPosition: after ? toKurrentPosition(after) : START, filter: excludeSystemEvents() });
    for await (const resolved of read) {
      if (!resolved.event) continue;
      const event = toRecordedEvent(resolved.event);
      // Reading $all from a position includes the event at that position.
      if (isAfter(event.position, after)) yield event;
    }
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, filter: excludeSystemEvents() })) {
      if (resolved.event) return toRecordedEvent(resolved.event).position;
    }
    return undefined;
  }

  subscribeToAll({ after }: ReadAllOptions = {}): EventSubscription {
    const subscription: KurrentDbSubscription = new KurrentDbSubscription(
      this.client.subscribeToAll({ fromPosition: after ? toKurrentPosition(after) : START, filter: excludeSystemEvents() }),
      (event) => {
        const recorded = toRecordedEvent(event);
        return isAfter(recorded.position, after) ? recorded : undefined;
      },
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async positionOf(streamName: string, revision: number): Promise<GlobalPosition> {
    for await (const resolved of this.client.readStream(streamName, { fromRevision: BigInt(revision), maxCount: 1 })) {
      if (resolved.event) return toRecordedEvent(resolved.event).position;
    }
    throw new Error(`event ${revision} of stream ${JSON.stringify(streamName)} is missing right after it was appended`);
  }
}

function toKurrentEvent(event: EventData): ReturnType<typeof jsonEvent> {
  if (!isJsonType(event.data)) {
    throw new TypeError(`event ${event.id} (${event.type}): KurrentDB JSON events need an object, array or string as data`);
  }
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

function isJsonType(data: unknown): data is JSONType {
  return typeof data === 'string' || (typeof data === 'object' && data !== null);
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function toCurrentRevision(state: CurrentStreamState): CurrentRevision {
  return state === NO_STREAM ? 'no_stream' : Number(state);
}

function toKurrentPosition(position: GlobalPosition): Position {
  return { commit: BigInt(position.commit), prepare: BigInt(position.prepare) };
}

function toRecordedEvent(event: KurrentRecordedEvent): RecordedEvent {
  if (!event.position) throw new Error(`KurrentDB returned event ${event.id} of ${event.streamId} without a position`);
  const metadata = isRecord(event.metadata) ? event.metadata : undefined;
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    ...(metadata ? { metadata } : {}),
    streamName: event.streamId,
    revision: Number(event.revision),
    position: { commit: Number(event.position.commit), prepare: Number(event.position.prepare) },
    recordedAt: event.created,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
