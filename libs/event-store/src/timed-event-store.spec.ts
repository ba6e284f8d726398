import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ServiceMetrics } from '@snapforge/observability';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { JetStreamEventStore } from './jetstream/jetstream-event-store.js';
import { TimedEventStore } from './timed-event-store.js';
import { WrongExpectedVersionError } from './wrong-expected-version.error.js';

describe('TimedEventStore', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let store: TimedEventStore;
  const metrics = new ServiceMetrics('profile-service');

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    store = new TimedEventStore(await JetStreamEventStore.create(nc), metrics.eventStoreAppendSeconds);
  });

  afterAll(async () => {
    await store?.close();
    await nc?.close();
    await server?.stop();
  });

  /** How many appends the histogram has seen with each outcome. */
  async function counts(): Promise<Record<string, number>> {
    const { values } = await metrics.eventStoreAppendSeconds.get();
    return Object.fromEntries(values.filter((value) => value.metricName === 'snapforge_event_store_append_seconds_count').map((value) => [value.labels['outcome'], value.value]));
  }

  it('times appends by outcome and passes results and refusals through unchanged', async () => {
    const stream = `timed-${randomUUID()}`;
    const first = await store.append(stream, [{ id: randomUUID(), type: 'Made', data: {} }], { expectedRevision: 'no_stream' });
    await store.append(stream, [{ id: randomUUID(), type: 'Changed', data: {} }], { expectedRevision: 0 });
    const refused = await store.append(stream, [{ id: randomUUID(), type: 'Late', data: {} }], { expectedRevision: 0 }).catch((error: unknown) => error);

    expect(first.nextExpectedRevision).toBe(0);
    expect(refused).toBeInstanceOf(WrongExpectedVersionError);
    expect(await counts()).toEqual({ ok: 2, conflict: 1 });
    expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['Made', 'Changed']);
    expect(await store.headPosition()).toEqual((await store.readStream(stream)).at(-1)?.position);
  });
});
