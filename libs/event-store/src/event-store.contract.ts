import { randomUUID } from 'node:crypto';
import type { CheckpointStore } from './checkpoint-store.port.js';
import type { EventData, RecordedEvent } from './event-data.js';
import type { EventStore, EventSubscription } from './event-store.port.js';
import type { ExpectedRevision } from './expected-revision.js';
import { comparePositions, type GlobalPosition } from './global-position.js';
import { WrongExpectedVersionError } from './wrong-expected-version.error.js';

export interface EventStoreFixture {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  close(): Promise<void>;
}

/**
 * The behaviour every event-store adapter must show. Tests share one store (and, for KurrentDB, one
 * $all with whatever else is in it), so each uses fresh stream names and looks only at its own events.
 */
export function describeEventStoreContract(name: string, setUp: () => Promise<EventStoreFixture>): void {
  describe(`${name}: event store contract`, () => {
    let fixture: EventStoreFixture | undefined;
    const store = (): EventStore => {
      if (!fixture) throw new Error('fixture not set up');
      return fixture.store;
    };

    beforeAll(async () => {
      fixture = await setUp();
    });
    afterAll(async () => {
      await fixture?.close();
    });

    it('appends and reads back types, data, metadata, revisions and increasing positions', async () => {
      const stream = streamName('roundtrip');
      const first = event('SnapshotRequested', { name: 'base', sizeMb: 512, tags: ['a', 'b'] }, { correlationId: 'c-1' });
      const second = event('SnapshotBuilding', { step: 1 });
      const third = event('SnapshotReady', { imageId: 'sha256:abc', nested: { ok: true, none: null } }, { causationId: 'x' });
      const fourth = event('SnapshotTagged', 'plain string data');

      const r1 = await store().append(stream, [first], { expectedRevision: 'no_stream' });
      const r2 = await store().append(stream, [second, third], { expectedRevision: 0 });
      const r3 = await store().append(stream, [fourth], { expectedRevision: 2 });
      expect([r1.nextExpectedRevision, r2.nextExpectedRevision, r3.nextExpectedRevision]).toEqual([0, 2, 3]);

      const read = await store().readStream(stream);
      expect(read.map(withoutPositionAndTime)).toEqual(
        [first, second, third, fourth].map((data, revision) => ({ ...data, streamName: stream, revision })),
      );
      expectStrictlyIncreasing(read.map((e) => e.position));
      expect(read.every((e) => e.recordedAt instanceof Date && !Number.isNaN(e.recordedAt.getTime()))).toBe(true);
      expect(r1.position).toEqual(read[0]?.position);
      expect(r2.position).toEqual(read[2]?.position);
      expect(r3.position).toEqual(read[3]?.position);

      expect((await store().readStream(stream, { fromRevision: 1 })).map((e) => e.id)).toEqual([second.id, third.id, fourth.id]);
      expect((await store().readStream(stream, { fromRevision: 2 })).map((e) => e.id)).toEqual([third.id, fourth.id]);
      expect(await store().readStream(stream, { fromRevision: 4 })).toEqual([]);
    });

    it('reads a missing stream as empty', async () => {
      expect(await store().readStream(streamName('missing'))).toEqual([]);
    });

    it("'no_stream' creates a stream and fails once it exists", async () => {
      const stream = streamName('no-stream');
      await expect(store().append(stream, [event('A')], { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextExpectedRevision: 0 });
      await expectWrongExpectedVersion(store().append(stream, [event('B')], { expectedRevision: 'no_stream' }), stream, 'no_stream', 0);
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it("'stream_exists' fails on a missing stream and appends to an existing one", async () => {
      const stream = streamName('exists');
      await expectWrongExpectedVersion(store().append(stream, [event('A')], { expectedRevision: 'stream_exists' }), stream, 'stream_exists', 'no_stream');
      expect(await store().readStream(stream)).toEqual([]);
      await store().append(stream, [event('A')], { expectedRevision: 'no_stream' });
      await expect(store().append(stream, [event('B')], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({ nextExpectedRevision: 1 });
    });

    it('an exact revision appends when it matches and fails with the actual revision otherwise', async () => {
      const stream = streamName('exact');
      await store().append(stream, [event('A'), event('B'), event('C')], { expectedRevision: 'no_stream' });
      await expectWrongExpectedVersion(store().append(stream, [event('D')], { expectedRevision: 1 }), stream, 1, 2);
      await expectWrongExpectedVersion(store().append(stream, [event('D')], { expectedRevision: 5 }), stream, 5, 2);
      await expectWrongExpectedVersion(store().append(streamName('exact-missing'), [event('D')], { expectedRevision: 0 }), expect.any(String), 0, 'no_stream');
      await expect(store().append(stream, [event('D')], { expectedRevision: 2 })).resolves.toMatchObject({ nextExpectedRevision: 3 });
      expect((await store().readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    it("'any' appends to missing and existing streams alike", async () => {
      const stream = streamName('any');
      await expect(store().append(stream, [event('A')], { expectedRevision: 'any' })).resolves.toMatchObject({ nextExpectedRevision: 0 });
      await expect(store().append(stream, [event('B'), event('C')], { expectedRevision: 'any' })).resolves.toMatchObject({ nextExpectedRevision: 2 });
      expect((await store().readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('appends several events atomically and in order', async () => {
      const stream = streamName('atomic');
      const batch = Array.from({ length: 5 }, (_, i) => event(`E${i}`, { i }));
      const result = await store().append(stream, batch, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(4);
      const read = await store().readStream(stream);
      expect(read.map((e) => [e.id, e.revision])).toEqual(batch.map((e, i) => [e.id, i]));
      expectStrictlyIncreasing(read.map((e) => e.position));

      const rejected = Array.from({ length: 3 }, (_, i) => event(`R${i}`));
      await expectWrongExpectedVersion(store().append(stream, rejected, { expectedRevision: 1 }), stream, 1, 4);
      expect((await store().readStream(stream)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    });

    it('re-appending the same event ids answers with the original result and writes nothing', async () => {
      const stream = streamName('idempotent');
      const created = [event('A'), event('B')];
      const next = [event('C')];
      const anyTime = [event('D')];
      const r1 = await store().append(stream, created, { expectedRevision: 'no_stream' });
      const r2 = await store().append(stream, next, { expectedRevision: 1 });
      const r3 = await store().append(stream, anyTime, { expectedRevision: 'any' });

      expect(await store().append(stream, created, { expectedRevision: 'no_stream' })).toEqual(r1);
      expect(await store().append(stream, next, { expectedRevision: 1 })).toEqual(r2);
      expect(await store().append(stream, anyTime, { expectedRevision: 'any' })).toEqual(r3);
      expect((await store().readStream(stream)).map((e) => e.id)).toEqual([...created, ...next, ...anyTime].map((e) => e.id));
    });

    it('reads all streams in global order, from the start and after a position', async () => {
      const a = streamName('all-a');
      const b = streamName('all-b');
      const a1 = event('A1');
      const b1 = event('B1');
      const b2 = event('B2');
      const a2 = event('A2');
      await store().append(a, [a1], { expectedRevision: 'no_stream' });
      await store().append(b, [b1, b2], { expectedRevision: 'no_stream' });
      await store().append(a, [a2], { expectedRevision: 0 });

      const everything = await collect(store().readAll());
      expectStrictlyIncreasing(everything.map((e) => e.position));
      const mine = everything.filter((e) => e.streamName === a || e.streamName === b);
      expect(mine.map((e) => [e.streamName, e.id, e.revision])).toEqual([
        [a, a1.id, 0],
        [b, b1.id, 0],
        [b, b2.id, 1],
        [a, a2.id, 1],
      ]);

      const [, recordedB1, , recordedA2] = mine;
      if (!recordedB1 || !recordedA2) throw new Error('events missing');
      const afterB1 = await collect(store().readAll({ after: recordedB1.position }));
      expect(afterB1.every((e) => comparePositions(e.position, recordedB1.position) > 0)).toBe(true);
      expect(afterB1.filter((e) => e.streamName === a || e.streamName === b).map((e) => e.id)).toEqual([b2.id, a2.id]);
      const afterA2 = await collect(store().readAll({ after: recordedA2.position }));
      expect(afterA2.filter((e) => e.streamName === a || e.streamName === b)).toEqual([]);
    });

    it('reports the newest event of all streams as the head position', async () => {
      const stream = streamName('head');
      await store().append(stream, [event('HeadOne', { n: 1 }), event('HeadTwo', { n: 2 })], { expectedRevision: 'no_stream' });
      const [, second] = await store().readStream(stream);
      expect(await store().headPosition()).toEqual(second?.position);
    });

    it('lets exactly one of 20 concurrent appends with the same expected revision win', async () => {
      const stream = streamName('race');
      await store().append(stream, [event('Created')], { expectedRevision: 'no_stream' });
      const contenders = Array.from({ length: 20 }, (_, i) => event('Claimed', { contender: i }));
      const outcomes = await Promise.allSettled(contenders.map((e) => store().append(stream, [e], { expectedRevision: 0 })));

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const error of lost) {
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', streamName: stream, expected: 0, actual: 1 });
      }
      const winner = contenders[outcomes.findIndex((o) => o.status === 'fulfilled')];
      expect((await store().readStream(stream)).map((e) => e.id)).toEqual([expect.any(String), winner?.id]);
    });

    it("gives concurrent 'any' appends distinct consecutive revisions", async () => {
      const stream = streamName('any-race');
      const events = Array.from({ length: 20 }, (_, i) => event('Tick', { i }));
      const results = await Promise.all(events.map((e) => store().append(stream, [e], { expectedRevision: 'any' })));
      expect(results.map((r) => r.nextExpectedRevision).sort((x, y) => x - y)).toEqual(range(20));
      const read = await store().readStream(stream);
      expect(read.map((e) => e.revision)).toEqual(range(20));
      expect(new Set(read.map((e) => e.id))).toEqual(new Set(events.map((e) => e.id)));
      for (const [i, result] of results.entries()) {
        expect(read[result.nextExpectedRevision]?.id).toBe(events[i]?.id);
      }
    });

    it('resumes a subscription from a saved checkpoint and sees every later event exactly once, in order', async () => {
      if (!fixture) throw new Error('fixture not set up');
      const { checkpoints } = fixture;
      const stream = streamName('resume');
      const subscriber = `contract subscriber ${randomUUID()}`;
      const [e1, e2, e3, e4, e5, e6, e7, e8] = Array.from({ length: 8 }, (_, i) => event(`E${i + 1}`));
      if (!e1 || !e2 || !e3 || !e4 || !e5 || !e6 || !e7 || !e8) throw new Error('events missing');

      const r1 = await store().append(stream, [e1], { expectedRevision: 'no_stream' });
      await store().append(stream, [e2], { expectedRevision: 0 });
      await store().append(stream, [e3], { expectedRevision: 1 });
      expect(await checkpoints.load(subscriber)).toBeUndefined();
      await checkpoints.save(subscriber, r1.position);

      // Catch up from the checkpoint, go live, save a checkpoint after each event.
      const firstRun = await consumeOwn(store().subscribeToAll({ after: await checkpoints.load(subscriber) }), stream, 5, async (seen) => {
        const last = seen[seen.length - 1];
        if (last) await checkpoints.save(subscriber, last.position);
        if (last?.id === e3.id) {
          await store().append(stream, [e4], { expectedRevision: 2 });
          await store().append(stream, [e5, e6], { expectedRevision: 3 });
        }
      });
      expect(firstRun.map((e) => e.id)).toEqual([e2.id, e3.id, e4.id, e5.id, e6.id]);

      // Nobody listens while this one is appended; the next run must start with it, then stay live.
      await store().append(stream, [e7], { expectedRevision: 5 });
      const saved = await checkpoints.load(subscriber);
      expect(saved).toEqual(firstRun[4]?.position);
      const secondRun = await consumeOwn(store().subscribeToAll({ after: saved }), stream, 2, async (seen) => {
        if (seen.length === 1) await store().append(stream, [e8], { expectedRevision: 6 });
      });
      expect(secondRun.map((e) => e.id)).toEqual([e7.id, e8.id]);
      expectStrictlyIncreasing([...firstRun, ...secondRun].map((e) => e.position));
    });

    it('ends iteration when a subscription is closed', async () => {
      const stream = streamName('close');
      const created = await store().append(stream, [event('Before')], { expectedRevision: 'no_stream' });
      const subscription = store().subscribeToAll({ after: created.position });
      const received: RecordedEvent[] = [];
      let onReceived = (): void => undefined;
      const iteration = (async () => {
        for await (const e of subscription) {
          if (e.streamName !== stream) continue;
          received.push(e);
          onReceived();
        }
      })();
      const live = event('Live');
      await store().append(stream, [live], { expectedRevision: 0 });
      await new Promise<void>((resolve) => {
        onReceived = resolve;
        if (received.length > 0) resolve();
      });
      await subscription.close();
      await iteration;
      expect(received.map((e) => e.id)).toEqual([live.id]);

      const closedEarly = store().subscribeToAll({ after: created.position });
      await closedEarly.close();
      expect(await collect(closedEarly)).toEqual([]);
    });
  });
}

function streamName(label: string): string {
  return `contract-${label}-${randomUUID()}`;
}

function event(type: string, data: unknown = { at: type }, metadata?: Record<string, unknown>): EventData {
  return { id: randomUUID(), type, data, ...(metadata ? { metadata } : {}) };
}

function range(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}

function withoutPositionAndTime({ position: _position, recordedAt: _recordedAt, ...rest }: RecordedEvent): Omit<RecordedEvent, 'position' | 'recordedAt'> {
  return rest;
}

function expectStrictlyIncreasing(positions: GlobalPosition[]): void {
  for (let i = 1; i < positions.length; i++) {
    const [previous, current] = [positions[i - 1], positions[i]];
    if (!previous || !current || comparePositions(previous, current) >= 0) {
      throw new Error(`positions not strictly increasing at ${i}: ${JSON.stringify(previous)} then ${JSON.stringify(current)}`);
    }
  }
}

async function expectWrongExpectedVersion(
  append: Promise<unknown>,
  streamName: unknown,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): Promise<void> {
  const error: unknown = await append.then(
    () => new Error('append succeeded, expected WrongExpectedVersionError'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', streamName, expected, actual });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Iterates until `count` events of `stream` arrived (awaiting `onEvent` after each), then closes. */
async function consumeOwn(
  subscription: EventSubscription,
  stream: string,
  count: number,
  onEvent: (seen: RecordedEvent[]) => Promise<void>,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  try {
    for await (const e of subscription) {
      if (e.streamName !== stream) continue;
      seen.push(e);
      await onEvent(seen);
      if (seen.length === count) break;
    }
  } finally {
    await subscription.close();
  }
  return seen;
}
