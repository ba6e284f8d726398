import type { EventData, RecordedEvent } from './event-data.js';
import type { AppendOptions, AppendResult, EventStore, EventSubscription, ReadAllOptions, ReadStreamOptions } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import type { UpcasterChain } from './upcaster-chain.js';

/**
 * The event store as the code sees it: appends are stamped with their schema version and every read
 * (`readStream`, `readAll`, `subscribeToAll`) returns events in their current shape, so deciders and
 * projections never meet an old one. `stored` is the adapter underneath, holding events as written.
 */
export class SchemaVersionedEventStore implements EventStore {
  constructor(
    readonly stored: EventStore,
    private readonly chain: UpcasterChain,
  ) {}

  append(streamName: string, events: readonly EventData[], options: AppendOptions): Promise<AppendResult> {
    return this.stored.append(streamName, events.map((event) => this.chain.versioned(event)), options);
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.stored.readStream(streamName, options)).map((event) => this.chain.upcast(event));
  }

  async *readAll(options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    for await (const event of this.stored.readAll(options)) yield this.chain.upcast(event);
  }

  headPosition(): Promise<GlobalPosition | undefined> {
    return this.stored.headPosition();
  }

  subscribeToAll(options?: ReadAllOptions): EventSubscription {
    const subscription = this.stored.subscribeToAll(options);
    const chain = this.chain;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of subscription) yield chain.upcast(event);
      },
      close: () => subscription.close(),
    };
  }

  close(): Promise<void> {
    return this.stored.close();
  }
}
