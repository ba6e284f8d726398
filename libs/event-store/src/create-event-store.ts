import type { NatsConnection } from '@nats-io/nats-core';
import type { EventStore } from './event-store.port.js';
import { JetStreamEventStore, type JetStreamEventStoreOptions } from './jetstream/jetstream-event-store.js';

export type EventStoreKind = 'jetstream' | 'kurrentdb';

export interface CreateEventStoreOptions {
  /** The service's NATS connection (the JetStream adapter uses it; it stays the caller's). */
  readonly nc: NatsConnection;
  /** Default: `SNAPFORGE_EVENT_STORE` from `env`, else `jetstream`. */
  readonly kind?: EventStoreKind;
  /** Default: `SNAPFORGE_ESDB_URL` from `env`; required for `kurrentdb`. */
  readonly esdbUrl?: string;
  readonly jetstream?: JetStreamEventStoreOptions;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The event store a service is configured for. */
export async function createEventStore(options: CreateEventStoreOptions): Promise<EventStore> {
  const env = options.env ?? process.env;
  const kind = options.kind ?? eventStoreKind(env['SNAPFORGE_EVENT_STORE']);
  if (kind === 'jetstream') return JetStreamEventStore.create(options.nc, options.jetstream);
  const esdbUrl = options.esdbUrl ?? env['SNAPFORGE_ESDB_URL'];
  if (!esdbUrl) throw new Error('the kurrentdb event store needs SNAPFORGE_ESDB_URL (e.g. esdb://localhost:2113?tls=false)');
  // Loaded on demand: the KurrentDB client brings gRPC and a native addon (~0.3 s to load) that
  // processes on JetStream never need.
  const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store.js');
  return KurrentDbEventStore.connect(esdbUrl);
}

function eventStoreKind(value: string | undefined): EventStoreKind {
  if (value === undefined || value === '' || value === 'jetstream') return 'jetstream';
  if (value === 'kurrentdb') return value;
  throw new Error(`SNAPFORGE_EVENT_STORE must be 'jetstream' or 'kurrentdb', not ${JSON.stringify(value)}`);
}
