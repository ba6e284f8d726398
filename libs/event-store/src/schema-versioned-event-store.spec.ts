import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { sandboxDecider, SandboxReadModel, sandboxStreamName, type SandboxEvent } from '@snapforge/domain';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { createEventStore } from './create-event-store.js';
import type { EventData, RecordedEvent } from './event-data.js';
import type { EventStore } from './event-store.port.js';

/** Commits of one sandbox's stream as the code before schema versions stored them: one JSON array per line. */
const FIXTURE = new URL('../fixtures/sandbox-stream.v1.ndjson', import.meta.url);

describe('schema versions on a JetStream store', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let stored: EventStore;
  let versioned: EventStore;
  const stream = sandboxStreamName('box-fixture-v1');

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    const jetstream = { streamName: 'SCHEMA_SPEC', subjectPrefix: 'schema-spec.es' };
    stored = await createEventStore({ nc, env: {}, jetstream, storedForm: true });
    versioned = await createEventStore({ nc, env: {}, jetstream });
    const commits = (await readFile(FIXTURE, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as EventData[]);
    let revision = -1;
    for (const events of commits) {
      await stored.append(stream, events, { expectedRevision: revision < 0 ? 'no_stream' : revision });
      revision += events.length;
    }
  });
  afterAll(async () => {
    await versioned?.close();
    await stored?.close();
    await nc?.close();
    await server?.stop();
  });

  const upcastRename = { from: 'first-box', to: 'renamed-box' };

  it('reads the stored version-1 events of the fixture in the current shape', async () => {
    const events = await versioned.readStream(stream);
    expect(events.map((event) => [event.type, event.metadata?.['schemaVersion']])).toEqual([
      ['SandboxCreated', undefined],
      ['SandboxReady', undefined],
      ['SandboxUpdated', 2],
      ['SandboxUpdated', 2],
    ]);
    expect(events[2]?.data).toEqual({
      sandboxId: 'box-fixture-v1',
      workspaceId: 'ws-fixture',
      version: 3,
      rename: upcastRename,
      idleTtlSeconds: 120,
      updatedAt: '2026-10-01T09:05:00.000Z',
    });
    expect(events[3]?.data).not.toHaveProperty('rename');
    // What is stored stays as it was written.
    expect((await stored.readStream(stream))[2]?.data).toMatchObject({ name: 'renamed-box', previousName: 'first-box' });
  });

  it('gives the decider and the read model the renamed sandbox, through every kind of read', async () => {
    const fromStream = (await versioned.readStream(stream)) as unknown as SandboxEvent[];
    const state = fromStream.reduce(sandboxDecider.evolve, sandboxDecider.initialState());
    expect(state).toMatchObject({ status: 'ready', name: 'renamed-box', idleTtlSeconds: 120, deleteAfterStopSeconds: 0, version: 4 });

    const model = new SandboxReadModel();
    for await (const event of versioned.readAll()) model.apply(event as unknown as SandboxEvent);
    expect(model.get('ws-fixture', 'box-fixture-v1')).toMatchObject({ name: 'renamed-box', idleTtlSeconds: 120 });

    const live: RecordedEvent[] = [];
    for await (const event of versioned.subscribeToAll()) {
      live.push(event);
      if (live.length === 4) break;
    }
    expect(live[2]?.data).toMatchObject({ rename: upcastRename });
  });

  it('ends a subscription closed at once, before its first event', async () => {
    const subscription = versioned.subscribeToAll({ after: await versioned.headPosition() });
    const iteration = (async () => {
      const seen: RecordedEvent[] = [];
      for await (const event of subscription) seen.push(event);
      return seen;
    })();
    await subscription.close();
    expect(await iteration).toEqual([]);
  });

  it('stamps new appends with the current version, which read back unchanged', async () => {
    const other = `sandbox-${randomUUID()}`;
    const data = { sandboxId: 'box-2', workspaceId: 'ws-fixture', version: 2, rename: { from: 'a', to: 'b' }, updatedAt: '2026-10-02T00:00:00.000Z' };
    await versioned.append(other, [{ id: randomUUID(), type: 'SandboxUpdated', data, metadata: { correlationId: 'c-1' } }], {
      expectedRevision: 'no_stream',
    });
    const [asStored] = await stored.readStream(other);
    expect(asStored?.metadata).toEqual({ correlationId: 'c-1', schemaVersion: 2 });
    expect((await versioned.readStream(other))[0]?.data).toEqual(data);
  });
});
