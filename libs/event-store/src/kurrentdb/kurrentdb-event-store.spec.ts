import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { describeEventStoreContract } from '../event-store.contract.js';
import { KvCheckpointStore } from '../kv-checkpoint-store.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

const esdbUrl = process.env['SNAPFORGE_ESDB_URL'];

describe('KurrentDbEventStore input checks (no server needed)', () => {
  // The client connects lazily, so these fail before anything is sent.
  const store = KurrentDbEventStore.connect('kurrentdb://127.0.0.1:1?tls=false');
  afterAll(() => store.close());

  it('refuses data that is not a JSON object, array or string, empty appends and negative revisions', async () => {
    const append = (data: unknown) => store.append('checks', [{ id: randomUUID(), type: 'Odd', data }], { expectedRevision: 'any' });
    await expect(append(42)).rejects.toThrow(TypeError);
    await expect(append(null)).rejects.toThrow(TypeError);
    await expect(store.append('checks', [], { expectedRevision: 'any' })).rejects.toThrow(/at least one event/);
    await expect(store.append('checks', [{ id: randomUUID(), type: 'A', data: {} }], { expectedRevision: -1 })).rejects.toThrow(RangeError);
  });
});

(esdbUrl ? describe : describe.skip)('KurrentDbEventStore (set SNAPFORGE_ESDB_URL to run)', () => {
  // Checkpoints live in NATS KV whatever the event store.
  let server: NatsServerHandle;

  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describeEventStoreContract('KurrentDbEventStore', async () => {
    const nc = await connect({ servers: server.url });
    const store = KurrentDbEventStore.connect(esdbUrl ?? '');
    return {
      store,
      checkpoints: await KvCheckpointStore.create(nc),
      async close() {
        await store.close();
        await nc.close();
      },
    };
  });
});
