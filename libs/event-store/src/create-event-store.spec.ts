import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { createEventStore } from './create-event-store.js';
import { JetStreamEventStore } from './jetstream/jetstream-event-store.js';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { SchemaVersionedEventStore } from './schema-versioned-event-store.js';

describe('createEventStore', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('defaults to JetStream, with schema versions', async () => {
    const store = await createEventStore({ nc, env: {} });
    expect(store).toBeInstanceOf(SchemaVersionedEventStore);
    expect((store as SchemaVersionedEventStore).stored).toBeInstanceOf(JetStreamEventStore);
    await store.close();
  });

  it('takes the kind and the KurrentDB URL from the environment', async () => {
    const store = await createEventStore({ nc, env: { SNAPFORGE_EVENT_STORE: 'kurrentdb', SNAPFORGE_ESDB_URL: 'kurrentdb://127.0.0.1:1?tls=false' } });
    expect((store as SchemaVersionedEventStore).stored).toBeInstanceOf(KurrentDbEventStore);
    await store.close();
  });

  it('gives the adapter alone, events as stored, when asked for the stored form', async () => {
    const store = await createEventStore({ nc, env: {}, storedForm: true });
    expect(store).toBeInstanceOf(JetStreamEventStore);
    await store.close();
  });

  it('refuses KurrentDB without a URL and unknown kinds', async () => {
    await expect(createEventStore({ nc, kind: 'kurrentdb', env: {} })).rejects.toThrow(/SNAPFORGE_ESDB_URL/);
    await expect(createEventStore({ nc, env: { SNAPFORGE_EVENT_STORE: 'postgres' } })).rejects.toThrow(/SNAPFORGE_EVENT_STORE/);
  });
});
