import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { isProfileReadModelEvent, isSandboxEvent, isSnapshotEvent, ProfileReadModel, SandboxReadModel, SnapshotReadModel } from '@snapforge/domain';
import { createEventStore, type EventData, type EventStore } from '@snapforge/event-store';
import { interleaved } from '../interleaved.js';
import { ACTIVITY_EVENTS, ACTIVITY_STREAMS, workspaceActivity, type StreamHistory } from '../replay-event-mix.js';
import type { Scenario } from '../scenario.js';
import { summarise } from '../statistics.js';
import { timed } from '../stopwatch.js';

const EVENTS = 200_000;
const ACTIVITIES = EVENTS / ACTIVITY_EVENTS;
/** Activities written at once: their streams are independent, so their appends can overlap. */
const WRITERS = 64;
const TARGET_EVENTS_PER_SECOND = 20_000;
/** What the raw series pulls per request, as the JetStream adapter's reads do. */
const PULL_BATCH = 5_000;

/**
 * How fast a full replay is: every event of a 200,000-event JetStream store read with `readAll`
 * (decoded, upcast) and applied to the read models the services keep, against the bare reading of
 * the same JetStream messages. The store is a scratch stream on the bench's nats-server, written
 * once through the event store's own `append` (one commit per event, as the services write;
 * activities written concurrently), and deleted at the end.
 */
export const replayScenario: Scenario = {
  name: 'replay',
  title: `replay throughput: readAll of ${EVENTS} events on JetStream into the read models, against a bare read of the messages`,
  comparisons: [{ subject: 'snapforge', baseline: 'raw' }],
  async run({ runs, environment, signal, log }) {
    const workspace = await environment.workspace();
    const suffix = randomUUID().slice(0, 8);
    const streamName = `BENCH_REPLAY_${suffix}`;
    const options = { streamName, subjectPrefix: `bench-replay.${suffix}` };
    const nc = await connect({ servers: workspace.stack.nats.url, name: 'bench-replay' });
    const jsm = await jetstreamManager(nc);
    const removeStream = environment.cleanups.add(async () => {
      await jsm.streams.delete(streamName).catch(() => false);
      await nc.close();
    });
    try {
      const store = await createEventStore({ nc, env: {}, jetstream: options });
      const stored = await createEventStore({ nc, env: {}, jetstream: options, storedForm: true });
      const workspaceId = randomUUID();
      log(`writing ${EVENTS} events into ${streamName}`);
      const written = await timed(() => writeActivities(store, stored, workspaceId, signal));
      log(`written in ${(written.ms / 1000).toFixed(1)} s`);

      const snapforge = async () => {
        const snapshots = new SnapshotReadModel();
        const sandboxes = new SandboxReadModel();
        const profiles = new ProfileReadModel();
        const { ms, result: count } = await timed(async () => {
          let count = 0;
          for await (const event of store.readAll()) {
            count++;
            if (isSnapshotEvent(event)) snapshots.apply(event);
            else if (isSandboxEvent(event)) sandboxes.apply(event);
            else if (isProfileReadModelEvent(event)) profiles.apply(event);
          }
          return count;
        });
        // A replay that skipped events, or left an old rename un-upcast, would be fast and wrong.
        const upcastRename = sandboxes.get(workspaceId, 'box-1')?.name;
        const lastJob = profiles.version(workspaceId, `prof-${ACTIVITIES - 1}`, 1)?.currentSnapshot;
        if (count !== EVENTS || upcastRename !== 'renamed-box-1' || !lastJob || !snapshots.get(workspaceId, `snap-${ACTIVITIES - 1}`)) {
          throw new Error(`replay read ${count} events (box-1 named ${String(upcastRename)}): the models are incomplete`);
        }
        return ms;
      };

      const raw = async () => {
        const { ms, result: count } = await timed(() => readMessages(nc, streamName));
        if (count !== EVENTS) throw new Error(`the bare read found ${count} events, not ${EVENTS}`);
        return ms;
      };

      const samples = await interleaved({ raw, snapforge }, { runs, signal, log });
      const eventsPerSecond = Math.round(EVENTS / (summarise(samples['snapforge'] ?? []).median / 1000));
      return {
        samples,
        facts: {
          events: EVENTS,
          streams: ACTIVITIES * ACTIVITY_STREAMS,
          upcastEvents: ACTIVITIES / 2,
          writeSeconds: Number((written.ms / 1000).toFixed(1)),
          eventsPerSecond,
          target: `≥ ${TARGET_EVENTS_PER_SECOND} events/s: ${eventsPerSecond >= TARGET_EVENTS_PER_SECOND ? 'met' : 'MISSED'}`,
          warmupRounds: 1,
        },
      };
    } finally {
      await removeStream();
    }
  },
};

/**
 * Appends every activity's events, one commit per event, each stream in order; WRITERS activities at
 * a time. Every second activity's sandbox rename is stored as the code before schema versions wrote
 * it, so that the replay upcasts a share of real events.
 */
async function writeActivities(store: EventStore, stored: EventStore, workspaceId: string, signal: AbortSignal): Promise<void> {
  const start = Date.UTC(2026, 0, 1);
  let next = 0;
  const writer = async () => {
    for (let n = next++; n < ACTIVITIES; n = next++) {
      signal.throwIfAborted();
      const renamesOfVersion1 = n % 2 === 1;
      await Promise.all(workspaceActivity(n, workspaceId, start).map((history) => appendHistory(history, store, renamesOfVersion1 ? stored : undefined)));
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

/** With `version1Store` (the stored form), a sandbox rename goes in as schema version 1. */
async function appendHistory({ streamName, events }: StreamHistory, store: EventStore, version1Store: EventStore | undefined): Promise<void> {
  for (const [revision, event] of events.entries()) {
    const target = event.type === 'SandboxUpdated' && version1Store ? version1Store : store;
    const data: EventData = { id: randomUUID(), type: event.type, data: target === store ? event.data : asVersion1(event.data) };
    await target.append(streamName, [data], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
  }
}

/** SandboxUpdated as schema version 1 had it: a rename as `name` and `previousName`. */
function asVersion1(data: object): object {
  const { rename, ...rest } = data as { rename?: { from: string; to: string } };
  return rename ? { ...rest, name: rename.to, previousName: rename.from } : rest;
}

/** The baseline: the stream's messages through an ordered consumer, each commit's JSON parsed, nothing else. */
async function readMessages(nc: Parameters<typeof jetstream>[0], streamName: string): Promise<number> {
  const js = jetstream(nc);
  const lastSeq = (await (await jetstreamManager(nc)).streams.info(streamName)).state.last_seq;
  const consumer = await js.consumers.get(streamName, { opt_start_seq: 1 });
  const messages = await consumer.consume({ max_messages: PULL_BATCH });
  let count = 0;
  try {
    for await (const message of messages) {
      count += (message.json<unknown[]>()).length;
      if (message.seq >= lastSeq) break;
    }
  } finally {
    await messages.close();
    await consumer.delete().catch(() => false);
  }
  return count;
}
