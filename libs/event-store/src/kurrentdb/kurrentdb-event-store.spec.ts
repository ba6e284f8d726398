import { connect } from '@nats-io/transport-node';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { describeEventStoreContract } from '../event-store.contract.js';
import { KvCheckpointStore } from '../kv-checkpoint-store.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

const esdbUrl = process.env['SNAPFORGE_ESDB_URL'];

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
