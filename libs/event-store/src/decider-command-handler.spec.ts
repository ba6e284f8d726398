import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Decider } from '@snapforge/domain';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { handleCommand } from './decider-command-handler.js';
import type { AppendOptions, EventStore, ReadAllOptions, ReadStreamOptions } from './event-store.port.js';
import type { EventData } from './event-data.js';
import { JetStreamEventStore } from './jetstream/jetstream-event-store.js';

type DoorCommand = { type: 'Open' } | { type: 'Close' } | { type: 'EnsureOpen' };
type DoorEvent = { type: 'Opened'; data: { count: number } } | { type: 'Closed'; data: { count: number } };
type Door = { open: boolean; count: number };

/** Opening an open door is refused; making sure it is open changes nothing when it is. */
const door: Decider<DoorCommand, Door, DoorEvent> = {
  decide: (command, state) => {
    const count = state.count + 1;
    switch (command.type) {
      case 'Open':
        if (state.open) throw new Error('the door is already open');
        return [{ type: 'Opened', data: { count } }];
      case 'EnsureOpen':
        return state.open ? [] : [{ type: 'Opened', data: { count } }];
      case 'Close':
        return state.open ? [{ type: 'Closed', data: { count } }] : [];
    }
  },
  evolve: (state, event) => ({ open: event.type === 'Opened', count: event.data.count }),
  initialState: () => ({ open: false, count: 0 }),
};

/** One process's view of the store, counting the stream reads its commands make. */
class CountingStore implements EventStore {
  reads = 0;
  constructor(private readonly inner: EventStore) {}
  append(streamName: string, events: readonly EventData[], options: AppendOptions) {
    return this.inner.append(streamName, events, options);
  }
  readStream(streamName: string, options?: ReadStreamOptions) {
    this.reads++;
    return this.inner.readStream(streamName, options);
  }
  readAll(options?: ReadAllOptions) {
    return this.inner.readAll(options);
  }
  headPosition() {
    return this.inner.headPosition();
  }
  subscribeToAll(options?: ReadAllOptions) {
    return this.inner.subscribeToAll(options);
  }
  close() {
    return this.inner.close();
  }
}

describe('handleCommand', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let shared: JetStreamEventStore;
  let here: CountingStore;
  let elsewhere: CountingStore;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    shared = await JetStreamEventStore.create(nc);
  });

  beforeEach(() => {
    // Two processes on the same streams: each one knows only what its own commands saw.
    here = new CountingStore(shared);
    elsewhere = new CountingStore(shared);
  });

  afterAll(async () => {
    await shared?.close();
    await nc?.close();
    await server?.stop();
  });

  const history = async (stream: string) => (await shared.readStream(stream)).map((event) => `${event.type} ${(event.data as { count: number }).count}`);

  it('reads a stream once while this process is the only writer', async () => {
    const stream = `door-${randomUUID()}`;
    await handleCommand(here, door, stream, { type: 'Open' });
    await handleCommand(here, door, stream, { type: 'Close' });
    const outcome = await handleCommand(here, door, stream, { type: 'Open' });

    expect(here.reads).toBe(1);
    expect(outcome.state).toEqual({ open: true, count: 3 });
    expect(await history(stream)).toEqual(['Opened 1', 'Closed 2', 'Opened 3']);
  });

  it('decides again on the stream as it is when another process wrote it meanwhile', async () => {
    const stream = `door-${randomUUID()}`;
    await handleCommand(here, door, stream, { type: 'Open' });
    await handleCommand(elsewhere, door, stream, { type: 'Close' });
    await handleCommand(elsewhere, door, stream, { type: 'Open' });
    const outcome = await handleCommand(here, door, stream, { type: 'Close' });

    expect(outcome.state).toEqual({ open: false, count: 4 });
    expect(await history(stream)).toEqual(['Opened 1', 'Closed 2', 'Opened 3', 'Closed 4']);
  });

  it('does not refuse on what it knew: the refusal is checked against the stream as it is', async () => {
    const stream = `door-${randomUUID()}`;
    await handleCommand(here, door, stream, { type: 'Open' });
    await handleCommand(elsewhere, door, stream, { type: 'Close' });
    const outcome = await handleCommand(here, door, stream, { type: 'Open' });

    expect(outcome.events).toEqual([{ type: 'Opened', data: { count: 3 } }]);
    expect(await history(stream)).toEqual(['Opened 1', 'Closed 2', 'Opened 3']);
    // A refusal on the stream as it is still stands.
    await expect(handleCommand(elsewhere, door, stream, { type: 'Open' })).rejects.toThrow('the door is already open');
  });

  it('does not skip a command on what it knew: "nothing to do" is checked against the stream as it is', async () => {
    const stream = `door-${randomUUID()}`;
    await handleCommand(here, door, stream, { type: 'Open' });
    await handleCommand(elsewhere, door, stream, { type: 'Close' });
    const outcome = await handleCommand(here, door, stream, { type: 'EnsureOpen' });

    expect(outcome.events).toHaveLength(1);
    expect(await history(stream)).toEqual(['Opened 1', 'Closed 2', 'Opened 3']);
  });

  it('creates an expected-new stream without reading it', async () => {
    const stream = `door-${randomUUID()}`;
    const outcome = await handleCommand(here, door, stream, { type: 'Open' }, { expectNew: true });

    expect(here.reads).toBe(0);
    expect(outcome.state).toEqual({ open: true, count: 1 });
    expect(await history(stream)).toEqual(['Opened 1']);
  });

  it('decides on the stream as it is when an expected-new stream exists already', async () => {
    const stream = `door-${randomUUID()}`;
    await handleCommand(elsewhere, door, stream, { type: 'Open' });
    await handleCommand(elsewhere, door, stream, { type: 'Close' });

    await handleCommand(here, door, stream, { type: 'Open' }, { expectNew: true });
    await expect(handleCommand(elsewhere, door, stream, { type: 'Close' }, { expectNew: true })).resolves.toMatchObject({ state: { open: false, count: 4 } });
    expect(await history(stream)).toEqual(['Opened 1', 'Closed 2', 'Opened 3', 'Closed 4']);
  });

  it('lets exactly one of two concurrent commands on the same known state through, and the other one decide again', async () => {
    const stream = `door-${randomUUID()}`;
    await handleCommand(here, door, stream, { type: 'Open' });
    const outcomes = await Promise.allSettled([handleCommand(here, door, stream, { type: 'Close' }), handleCommand(here, door, stream, { type: 'Close' })]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    const appended = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.events.length : -1)).sort();
    expect(appended).toEqual([0, 1]);
    expect(await history(stream)).toEqual(['Opened 1', 'Closed 2']);
  });
});
