import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/nats-core';
import { NATS_CONNECTION } from '@snapforge/messaging';
import { createEventStore } from './create-event-store.js';
import type { EventStore } from './event-store.port.js';
import { CHECKPOINT_STORE, EVENT_STORE } from './event-store.tokens.js';
import { KvCheckpointStore } from './kv-checkpoint-store.js';

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The configured event store (SNAPFORGE_EVENT_STORE: JetStream by default, or KurrentDB) and the
 * checkpoint store, for services that own aggregates. Needs MessagingModule for the NATS connection.
 */
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => createEventStore({ nc }) },
    { provide: CHECKPOINT_STORE, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => KvCheckpointStore.create(nc) },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE, CHECKPOINT_STORE],
})
export class EventStoreModule {}
