import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ProjectionRebuildProgress } from '@snapforge/contracts';
import { formatDifference, readModels, snapshotStreamName, type SnapshotRequested, type SnapshotView, type WorkspaceCreated } from '@snapforge/domain';
import {
  EVENT_STORE,
  JetStreamEventStore,
  projectionOf,
  ProjectionControlModule,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
} from '@snapforge/event-store';
import type { ServiceIdentity } from '@snapforge/messaging';
import { runSnapforgeCli, startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { ProjectionControlClient } from './projection-control-client.js';
import { verifyProjections, type VerifiedProjection } from './projection-verification.js';

// The CLI loads messaging lazily (see cli-nats.ts), so its specs do too.
const { connectNats, MessagingModule, SERVICE_IDENTITY } = await import('@snapforge/messaging');

class SnapshotProjection extends projectionOf(readModels.snapshots) {}
class WorkspaceProjection extends projectionOf(readModels.workspaces) {}

const WORKSPACE_ID = randomUUID();
const workspaceCreated: WorkspaceCreated = {
  type: 'WorkspaceCreated',
  data: { workspaceId: WORKSPACE_ID, name: 'replay', createdAt: '2025-01-01T09:00:00.000Z' },
};
const requested = (index: number): SnapshotRequested => ({
  type: 'SnapshotRequested',
  data: {
    snapshotId: randomUUID(),
    workspaceId: WORKSPACE_ID,
    name: `snap-${index}`,
    source: { kind: 'image', dockerImage: 'snapforge/busybox:latest' },
    fsCapacityBytes: 1024 ** 3,
    buildTimeoutSeconds: 600,
    requestedAt: new Date(Date.UTC(2025, 0, 1, 10, 0, index)).toISOString(),
  },
});

/**
 * The real JetStream store, with a gate the test can close on the replays that start while it is
 * armed: a rebuild then stops half-way, so that the test can look at the service mid-rebuild.
 */
class GatedEventStore implements EventStore {
  private pauseAfter?: number;
  private opened?: () => void;
  private reached?: () => void;

  constructor(private readonly store: EventStore) {}

  /** The next replay stops after `events` events until `open()`; resolves once it stopped there. */
  closeAfter(events: number): Promise<void> {
    this.pauseAfter = events;
    return new Promise((resolve) => {
      this.reached = resolve;
    });
  }

  open(): void {
    this.pauseAfter = undefined;
    this.opened?.();
  }

  append: EventStore['append'] = (...args) => this.store.append(...args);
  readStream: EventStore['readStream'] = (...args) => this.store.readStream(...args);
  headPosition: EventStore['headPosition'] = () => this.store.headPosition();
  subscribeToAll: EventStore['subscribeToAll'] = (...args) => this.store.subscribeToAll(...args);
  close: EventStore['close'] = async () => undefined;

  async *readAll(...args: Parameters<EventStore['readAll']>): AsyncIterable<RecordedEvent> {
    const pauseAfter = this.pauseAfter;
    let count = 0;
    for await (const event of this.store.readAll(...args)) {
      yield event;
      if (++count === pauseAfter) {
        const opened = new Promise<void>((resolve) => {
          this.opened = resolve;
        });
        this.reached?.();
        await opened;
      }
    }
  }
}

async function startInstance(store: EventStore): Promise<INestApplicationContext> {
  @Module({
    providers: [{ provide: EVENT_STORE, useValue: store }, SnapshotProjection, WorkspaceProjection],
  })
  class ReadModelsModule {}

  @Module({ imports: [MessagingModule.forRoot('snapshot-orchestrator'), ProjectionControlModule, ReadModelsModule] })
  class ServiceModule {}

  const app = await NestFactory.createApplicationContext(ServiceModule, { logger: ['error', 'warn'] });
  await app.init();
  return app;
}

/**
 * Projection rebuild and verification against a real nats-server and JetStream event store: two
 * instances of a service-like Nest app with two projections and the control provider, and the
 * CLI's verification and rebuild client talking to them over NATS.
 */
describe('replay verify and rebuild of live projections', () => {
  const SNAPSHOTS = 400;
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let store: JetStreamEventStore;
  let gated: GatedEventStore;
  let first: INestApplicationContext;
  let second: INestApplicationContext;
  let control: ProjectionControlClient;
  let ids: string[];

  const append = async (event: SnapshotRequested | WorkspaceCreated, stream: string): Promise<GlobalPosition> => {
    const result = await store.append(stream, [{ id: randomUUID(), ...event }], { expectedRevision: 'no_stream' });
    return result.position;
  };
  const appendSnapshot = async (index: number) => {
    const event = requested(index);
    return { id: event.data.snapshotId, position: await append(event, snapshotStreamName(event.data.snapshotId)) };
  };
  const snapshotCount = (projection: SnapshotProjection) => projection.model.list(WORKSPACE_ID, { limit: 10_000, offset: 0 }).total;
  const verify = () => verifyProjections(control, store);

  beforeAll(async () => {
    nats = await startNatsServer();
    process.env.SNAPFORGE_NATS_URL = nats.url;
    nc = await connectNats('spec', nats.url);
    store = await JetStreamEventStore.create(nc);
    await append(workspaceCreated, `workspace-${WORKSPACE_ID}`);
    ids = [];
    for (let index = 0; index < SNAPSHOTS; index++) ids.push((await appendSnapshot(index)).id);
    gated = new GatedEventStore(store);
    first = await startInstance(gated);
    second = await startInstance(store);
    control = new ProjectionControlClient(nc);
  });

  afterAll(async () => {
    gated?.open();
    await first?.close();
    await second?.close();
    await store?.close();
    await nc?.close();
    await nats?.stop();
  });

  it('lists every instance with its projections and positions, each answering on its own', async () => {
    const instances = await control.instances();
    expect(instances).toHaveLength(2);
    expect(new Set(instances.map(({ instanceId }) => instanceId)).size).toBe(2);
    const head = await store.headPosition();
    for (const instance of instances) {
      expect(instance.service).toBe('snapshot-orchestrator');
      expect(instance.projections.map(({ name }) => name).sort()).toEqual(['snapshots', 'workspaces']);
      for (const projection of instance.projections) expect(projection.position).toBe(`${head?.commit}:${head?.prepare}`);
    }
  });

  it('verifies that the live projections equal a replay of the store', async () => {
    const results = await verify();
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(result).toMatchObject({ differences: [], replayedEvents: SNAPSHOTS + 1 });
      expect(result.problem).toBeUndefined();
    }
  });

  it('fails verification after one entry of a live model is corrupted, naming that entry', async () => {
    const projection = first.get(SnapshotProjection);
    const id = ids[7] as string;
    const viewsById = (projection.model as unknown as { viewsById: Map<string, SnapshotView> }).viewsById;
    const view = viewsById.get(id) as SnapshotView;
    viewsById.set(id, { ...view, status: 'ready' });

    const results = await verify();
    const drifted = results.filter((result) => result.differences.length > 0);
    expect(drifted).toHaveLength(1);
    const [{ instanceId, projection: name, differences }] = drifted as [VerifiedProjection];
    expect(instanceId).toBe(first.get<ServiceIdentity>(SERVICE_IDENTITY).instanceId);
    expect(name).toBe('snapshots');
    expect(differences).toEqual([{ path: ['viewsById', id, 'status'], live: 'ready', replayed: 'building' }]);
    expect(differences.map((difference) => formatDifference(difference, [name]))).toEqual([
      `snapshots › viewsById › ${id} › status: live "ready", replayed "building"`,
    ]);

    // The same through the built CLI, as an operator runs it.
    const run = await runSnapforgeCli(['replay', 'verify'], { SNAPFORGE_NATS_URL: nats.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`snapshot-orchestrator ${instanceId} snapshots › viewsById › ${id} › status: live "ready", replayed "building"`);
    expect(run.stdout).toMatch(new RegExp(`DRIFT\\s+snapshot-orchestrator\\s+${instanceId}\\s+snapshots\\s`));
    expect(run.stdout).toContain('Compared 4 projections on 2 instances with a replay of the event store: 1 differ.');
  });

  it('rebuilds the corrupted projection, after which verification passes again', async () => {
    const finals = await control.rebuild(
      (await control.instances()).map(({ service, instanceId }) => ({ service, instanceId, projection: 'snapshots' })),
      () => undefined,
    );
    expect(finals.map(({ phase }) => phase)).toEqual(['done', 'done']);
    for (const final of finals) expect(final.processed).toBe(SNAPSHOTS + 1);
    expect(first.get(SnapshotProjection).model.get(WORKSPACE_ID, ids[7] as string)?.status).toBe('building');
    for (const result of await verify()) expect(result.differences).toEqual([]);
    const run = await runSnapforgeCli(['replay', 'verify'], { SNAPFORGE_NATS_URL: nats.url });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Compared 4 projections on 2 instances with a replay of the event store: all equal.');
  });

  it('keeps answering from the complete old model during a rebuild, follows live events, and swaps in between two events', async () => {
    const projection = first.get(SnapshotProjection);
    const before = projection.model;
    const head = await store.headPosition();
    const { service, instanceId } = first.get<ServiceIdentity>(SERVICE_IDENTITY);
    const stopped = gated.closeAfter(SNAPSHOTS / 2);
    const progress: ProjectionRebuildProgress[] = [];
    const rebuilt = control.rebuild([{ service, instanceId, projection: 'snapshots' }], (message) => progress.push(message));
    await stopped;

    // Half-way through the replay: the old model still answers, complete.
    expect(projection.isRebuilding).toBe(true);
    expect(projection.model).toBe(before);
    expect(snapshotCount(projection)).toBe(SNAPSHOTS);
    // It follows new events meanwhile, and read-your-writes holds.
    const during = await appendSnapshot(SNAPSHOTS);
    await projection.waitFor(during.position);
    expect(projection.model).toBe(before);
    expect(projection.model.get(WORKSPACE_ID, during.id)).toBeDefined();

    gated.open();
    const [final] = await rebuilt;
    expect(final).toMatchObject({ phase: 'done', processed: SNAPSHOTS + 2 });
    expect(progress[0]).toMatchObject({ instanceId, phase: 'running', head: `${head?.commit}:${head?.prepare}` });
    expect(projection.isRebuilding).toBe(false);
    expect(projection.model).not.toBe(before);
    expect(snapshotCount(projection)).toBe(SNAPSHOTS + 1);
    const after = await appendSnapshot(SNAPSHOTS + 1);
    await projection.waitFor(after.position);
    expect(projection.model.get(WORKSPACE_ID, after.id)).toBeDefined();
    for (const result of await verify()) expect(result.differences).toEqual([]);
  });

  it('sends a dump larger than one NATS message in chunks, and verification still compares it whole', async () => {
    const maxPayload = nc.info?.max_payload ?? 1024 * 1024;
    for (let index = 0; index < 3; index++) {
      const event = requested(SNAPSHOTS + 10 + index);
      const large = { ...event, data: { ...event.data, runConfig: { envVars: { PADDING: 'x'.repeat(Math.floor(maxPayload / 2)) } } } };
      await append(large, snapshotStreamName(event.data.snapshotId));
    }
    const { service, instanceId } = first.get<ServiceIdentity>(SERVICE_IDENTITY);
    await first.get(SnapshotProjection).waitFor(await store.headPosition());
    const { dump } = await control.dump({ service, instanceId, projection: 'snapshots' });
    expect(JSON.stringify(dump).length).toBeGreaterThan(maxPayload);
    for (const result of await verify()) expect(result.differences).toEqual([]);
  });

  it('answers a request for a projection the instance does not keep with an error naming the ones it keeps', async () => {
    const { service, instanceId } = first.get<ServiceIdentity>(SERVICE_IDENTITY);
    await expect(control.dump({ service, instanceId, projection: 'registries' })).rejects.toThrow(
      /UNKNOWN_PROJECTION: .* keeps no projection 'registries' \(it keeps: (snapshots, workspaces|workspaces, snapshots)\)/,
    );
  });
});
