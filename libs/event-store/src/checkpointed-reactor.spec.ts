import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { CheckpointedReactor } from './checkpointed-reactor.js';
import type { RecordedEvent } from './event-data.js';
import { JetStreamEventStore } from './jetstream/jetstream-event-store.js';
import { KvCheckpointStore } from './kv-checkpoint-store.js';

describe('CheckpointedReactor on JetStream', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let store: JetStreamEventStore;
  let checkpoints: KvCheckpointStore;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    store = await JetStreamEventStore.create(nc, { streamName: 'REACTOR_SPEC', subjectPrefix: 'reactor-spec.es' });
    checkpoints = await KvCheckpointStore.create(nc, { bucket: 'reactor_spec_checkpoints' });
  });

  afterAll(async () => {
    await store?.close();
    await nc?.close();
    await server?.stop();
  });

  async function appendEvents(stream: string, count: number): Promise<void> {
    for (let n = 0; n < count; n++) {
      await store.append(stream, [{ id: randomUUID(), type: 'Counted', data: { n } }], { expectedRevision: 'any' });
    }
  }

  function until(condition: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + 10_000;
      const timer = setInterval(() => {
        if (condition()) resolve();
        else if (Date.now() > deadline) reject(new Error('condition not met within 10 s'));
        else return;
        clearInterval(timer);
      }, 5);
    });
  }

  it('reacts to each event once, in order, and a restart resumes after the last reaction', async () => {
    const stream = `counter-${randomUUID()}`;
    const name = `spec-${randomUUID()}`;
    const seen: number[] = [];
    const react = async (event: RecordedEvent) => {
      if (event.streamName === stream) seen.push((event.data as { n: number }).n);
    };
    await appendEvents(stream, 30);

    const first = new CheckpointedReactor(store, checkpoints, name, react);
    await first.start();
    await until(() => seen.length === 30);
    await first.stop();

    await appendEvents(stream, 5);
    const second = new CheckpointedReactor(store, checkpoints, name, react);
    await second.start();
    await until(() => seen.length >= 35);
    await second.stop();

    expect(seen).toEqual(Array.from({ length: 30 }, (_, n) => n).concat([0, 1, 2, 3, 4]));
  });

  it('retries a failing reaction until it succeeds instead of skipping the event', async () => {
    const stream = `flaky-${randomUUID()}`;
    const attempts: number[] = [];
    await appendEvents(stream, 2);
    const reactor = new CheckpointedReactor(store, checkpoints, `spec-${randomUUID()}`, async (event) => {
      if (event.streamName !== stream) return;
      const n = (event.data as { n: number }).n;
      attempts.push(n);
      if (n === 0 && attempts.filter((a) => a === 0).length < 3) throw new Error('not yet');
    });
    await reactor.start();
    await until(() => attempts.includes(1));
    await reactor.stop();

    expect(attempts).toEqual([0, 0, 0, 1]);
  });
});
