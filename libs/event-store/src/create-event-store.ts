import type { NatsConnection } from '@nats-io/nats-core';
import { eventSchemaCatalog, type EventSchemas } from '@snapforge/domain';
import type { EventStore } from './event-store.port.js';
import { JetStreamEventStore, type JetStreamEventStoreOptions } from './jetstream/jetstream-event-store.js';
import { SchemaVersionedEventStore } from './schema-versioned-event-store.js';
import { UpcasterChain } from './upcaster-chain.js';

export type EventStoreKind = 'jetstream' | 'kurrentdb';

export interface CreateEventStoreOptions {
  /** The service's NATS connection (the JetStream adapter needs it; it stays the caller's). */
  readonly nc?: NatsConnection;
  /** Default: `SNAPFORGE_EVENT_STORE` from `env`, else `jetstream`. */
  readonly kind?: EventStoreKind;
  /** Default: `SNAPFORGE_ESDB_URL` from `env`; required for `kurrentdb`. */
  readonly esdbUrl?: string;
  readonly jetstream?: JetStreamEventStoreOptions;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: the domain's `eventSchemaCatalog`. */
  readonly eventSchemas?: EventSchemas;
  /**
   * The adapter alone, events exactly as stored: no schema version stamped, nothing upcast. For
   * moving events between stores (export/import), never for deciding or projecting.
   */
  readonly storedForm?: boolean;
}

/**
 * The event store a service is configured for, with schema versions: appends carry their type's
 * current version and reads upcast older events to the current shape (SchemaVersionedEventStore).
 */
export async function createEventStore(options: CreateEventStoreOptions): Promise<EventStore> {
  const adapter = await createAdapter(options);
  if (options.storedForm) return adapter;
  return new SchemaVersionedEventStore(adapter, UpcasterChain.of(options.eventSchemas ?? eventSchemaCatalog));
}

async function createAdapter(options: CreateEventStoreOptions): Promise<EventStore> {
  const env = options.env ?? process.env;
  const kind = options.kind ?? eventStoreKind(env['SNAPFORGE_EVENT_STORE']);
  if (kind === 'jetstream') {
    if (!options.nc) throw new Error('the jetstream event store needs a NATS connection');
    return JetStreamEventStore.create(options.nc, options.jetstream);
  }
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
