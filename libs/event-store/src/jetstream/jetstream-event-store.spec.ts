import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import type { RecordedEvent } from '../event-data.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import { KvCheckpointStore } from '../kv-checkpoint-store.js';
import { JetStreamEventStore } from './jetstream-event-store.js';

let server: NatsServerHandle;

beforeAll(async () => {
  server = await startNatsServer();
});
afterAll(async () => {
  await server?.stop();
});

describeEventStoreContract('JetStreamEventStore', async () => {
  const nc = await connect({ servers: server.url });
  const store = await JetStreamEventStore.create(nc);
  return {
    store,
    checkpoints: await KvCheckpointStore.create(nc),
    async close() {
      await store.close();
      await nc.close();
    },
  };
});

describe('JetStreamEventStore on NATS', () => {
  let nc: NatsConnection;
  let store: JetStreamEventStore;

  beforeAll(async () => {
    nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    store = await JetStreamEventStore.create(nc, { streamName: 'SNAPFORGE_EVENTS_NATS_SPEC', subjectPrefix: 'spec.es' });
  });
  afterAll(async () => {
    await store?.close();
    await nc?.close();
  });

  it('keeps stream names with dots, spaces, wildcards and non-ASCII apart and intact', async () => {
    const suffix = randomUUID();
    const names = ['a.b', 'a=2Eb', 'a b', 'a*', 'a>', '>', 'über/straße ✓', 'tab\there', 'a.*.>'].map((n) => `${n}-${suffix}`);
    for (const name of names) {
      await store.append(name, [{ id: randomUUID(), type: 'Named', data: { name } }], { expectedRevision: 'no_stream' });
    }
    for (const name of names) {
      const read = await store.readStream(name);
      expect(read.map((e) => [e.streamName, e.data])).toEqual([[name, { name }]]);
    }
    const all: RecordedEvent[] = [];
    for await (const e of store.readAll()) if (e.streamName.endsWith(suffix)) all.push(e);
    expect(all.map((e) => e.streamName)).toEqual(names);
  });

  it('creating the store again on an existing stream keeps its events', async () => {
    const stream = `again-${randomUUID()}`;
    await store.append(stream, [{ id: randomUUID(), type: 'Kept', data: {} }], { expectedRevision: 'no_stream' });
    const again = await JetStreamEventStore.create(nc, { streamName: 'SNAPFORGE_EVENTS_NATS_SPEC', subjectPrefix: 'spec.es' });
    expect((await again.readStream(stream)).map((e) => e.type)).toEqual(['Kept']);
  });

  it('leaves no consumers behind once reads end and subscriptions close', async () => {
    const stream = `hygiene-${randomUUID()}`;
    for (const expectedRevision of ['no_stream', 0, 1] as const) {
      await store.append(stream, [{ id: randomUUID(), type: 'Step', data: {} }], { expectedRevision });
    }
    expect(await store.readStream(stream)).toHaveLength(3);
    for await (const _ of store.readAll()) {
      // read to the end
    }
    for await (const _ of store.readAll()) break;
    for await (const _ of store.subscribeToAll()) break;

    const other = await JetStreamEventStore.create(nc, { streamName: 'SNAPFORGE_EVENTS_NATS_SPEC', subjectPrefix: 'spec.es' });
    const subscription = other.subscribeToAll();
    let first = (): void => undefined;
    const started = new Promise<void>((resolve) => (first = resolve));
    const iteration = (async () => {
      for await (const _ of subscription) first();
    })();
    await started;
    await other.close();
    await iteration;

    const jsm = await jetstreamManager(nc);
    expect(await jsm.consumers.list('SNAPFORGE_EVENTS_NATS_SPEC').next()).toEqual([]);
  });

  it('ends a subscription closed while its consumer is still being opened', async () => {
    const subscription = store.subscribeToAll({ after: await store.headPosition() });
    const iteration = (async () => {
      const seen: RecordedEvent[] = [];
      for await (const e of subscription) seen.push(e);
      return seen;
    })();
    await subscription.close();
    expect(await iteration).toEqual([]);
  });

  it('keeps events across a nats-server crash and keeps a live subscription going', async () => {
    const stream = `restart-${randomUUID()}`;
    const before = { id: randomUUID(), type: 'BeforeCrash', data: { n: 1 } };
    const created = await store.append(stream, [before], { expectedRevision: 'no_stream' });
    const subscription = store.subscribeToAll({ after: created.position });
    const received: RecordedEvent[] = [];
    let onReceived = (): void => undefined;
    const iteration = (async () => {
      for await (const e of subscription) {
        if (e.streamName !== stream) continue;
        received.push(e);
        onReceived();
      }
    })();
    const waitForReceived = (count: number) =>
      new Promise<void>((resolve) => {
        onReceived = () => received.length >= count && resolve();
        onReceived();
      });

    const live = { id: randomUUID(), type: 'Live', data: { n: 2 } };
    await store.append(stream, [live], { expectedRevision: 0 });
    await waitForReceived(1);

    const reconnected = nextReconnect(nc);
    await server.restart();
    await reconnected;

    expect((await eventually(() => store.readStream(stream))).map((e) => e.id)).toEqual([before.id, live.id]);
    const afterCrash = { id: randomUUID(), type: 'AfterCrash', data: { n: 3 } };
    await eventually(() => store.append(stream, [afterCrash], { expectedRevision: 1 }));
    await waitForReceived(2);
    await subscription.close();
    await iteration;
    expect(received.map((e) => [e.id, e.revision])).toEqual([
      [live.id, 1],
      [afterCrash.id, 2],
    ]);
  });
});

async function nextReconnect(nc: NatsConnection): Promise<void> {
  for await (const status of nc.status()) if (status.type === 'reconnect') return;
}

/** Retries while the server is still coming back (connection re-established, JetStream recovering). */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
