import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Decider } from '@snapforge/domain';
import { currentCorrelationId, runWithCorrelationId } from '@snapforge/observability';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { CheckpointedReactor } from './checkpointed-reactor.js';
import { handleCommand } from './decider-command-handler.js';
import { JetStreamEventStore } from './jetstream/jetstream-event-store.js';
import { KvCheckpointStore } from './kv-checkpoint-store.js';

type Noted = { type: 'Noted'; data: { text: string } };

const notes: Decider<{ text: string }, number, Noted> = {
  decide: ({ text }) => [{ type: 'Noted', data: { text } }],
  evolve: (count) => count + 1,
  initialState: () => 0,
};

describe('correlation ids in events', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let store: JetStreamEventStore;
  let reactor: CheckpointedReactor | undefined;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    store = await JetStreamEventStore.create(nc);
  });

  afterAll(async () => {
    await reactor?.stop();
    await store?.close();
    await nc?.close();
    await server?.stop();
  });

  it('stores the correlation id in scope as metadata, and reacts to each event in its context', async () => {
    const stream = `notes-${randomUUID()}`;
    await runWithCorrelationId('corr-command', () => handleCommand(store, notes, stream, { text: 'with id' }));
    await handleCommand(store, notes, stream, { text: 'without id' });

    const events = await store.readStream(stream);
    expect(events.map((event) => event.metadata)).toEqual([{ correlationId: 'corr-command' }, undefined]);

    const seen = new Map<string, string | undefined>();
    let allSeen: () => void = () => undefined;
    const reacted = new Promise<void>((resolve) => (allSeen = resolve));
    reactor = new CheckpointedReactor(store, await KvCheckpointStore.create(nc), `spec-${randomUUID()}`, async (event) => {
      if (event.streamName !== stream) return;
      await new Promise((wait) => setTimeout(wait, 1));
      seen.set((event.data as Noted['data']).text, currentCorrelationId());
      if (seen.size === 2) allSeen();
    });
    await reactor.start();
    await reacted;
    expect(Object.fromEntries(seen)).toEqual({ 'with id': 'corr-command', 'without id': undefined });
  });
});
