import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/nats-core';
import { NATS_CONNECTION } from '@snapforge/messaging';
import { ReadinessChecks, ServiceMetrics } from '@snapforge/observability';
import { createEventStore } from './create-event-store.js';
import type { EventStore } from './event-store.port.js';
import { CHECKPOINT_STORE, EVENT_STORE } from './event-store.tokens.js';
import { KvCheckpointStore } from './kv-checkpoint-store.js';
import { ProjectionMonitor } from './projection-monitor.js';
import { TimedEventStore } from './timed-event-store.js';

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The service is ready only while the event store answers (within the readiness time-out). */
async function eventStoreFor(nc: NatsConnection, metrics: ServiceMetrics, readiness: ReadinessChecks): Promise<EventStore> {
  const store = new TimedEventStore(await createEventStore({ nc }), metrics.eventStoreAppendSeconds);
  readiness.add('event-store', async () => {
    await store.headPosition();
  });
  return store;
}

/**
 * The configured event store (SNAPFORGE_EVENT_STORE: JetStream by default, or KurrentDB), its append
 * latency measured, and the checkpoint store, for services that own aggregates; the service's
 * projections are reported in its metrics and readiness. Needs MessagingModule for the NATS connection.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: EVENT_STORE, inject: [NATS_CONNECTION, ServiceMetrics, ReadinessChecks], useFactory: eventStoreFor },
    { provide: CHECKPOINT_STORE, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => KvCheckpointStore.create(nc) },
    EventStoreLifecycle,
    ProjectionMonitor,
  ],
  exports: [EVENT_STORE, CHECKPOINT_STORE],
})
export class EventStoreModule {}
