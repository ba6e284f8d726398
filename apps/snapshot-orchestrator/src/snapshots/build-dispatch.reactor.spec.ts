import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { BUILD_QUEUE, snapshotRpc, type BuildJob } from '@snapforge/contracts';
import { snapshotStreamName, type SnapshotBuilt, type SnapshotRequested } from '@snapforge/domain';
import { JetStreamEventStore } from '@snapforge/event-store';
import { bootstrapService, connectNats, RpcClient } from '@snapforge/messaging';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { AppModule } from '../app.module.js';

/** Dispatch follows the events: nothing is lost between "append" and "publish", nothing is queued twice. */
describe('build dispatch', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let orchestrator: INestMicroservice | undefined;
  let orphanId: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    process.env.SNAPFORGE_NATS_URL = nats.url;
    process.env.SNAPFORGE_OPS_PORT = '0';
    nc = await connectNats('dispatch-spec', nats.url);
  });

  afterAll(async () => {
    await orchestrator?.close();
    await nc?.close();
    await nats?.stop();
  });

  async function queuedJobs(expected: number, timeoutMs = 10_000): Promise<BuildJob[]> {
    const stream = await jetstream(nc).streams.get(BUILD_QUEUE.stream);
    const deadline = Date.now() + timeoutMs;
    while ((await stream.info()).state.messages < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const { state } = await stream.info();
    const jobs: BuildJob[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const message = await stream.getMessage({ seq });
      if (message) jobs.push(message.json<BuildJob>());
    }
    return jobs;
  }

  it('queues the job of a snapshot whose request was stored just before the orchestrator crashed', async () => {
    // As if an orchestrator had appended the request and died before it could publish the job.
    const store = await JetStreamEventStore.create(nc);
    const snapshotId = randomUUID();
    const requested: SnapshotRequested = {
      type: 'SnapshotRequested',
      data: {
        snapshotId,
        workspaceId: randomUUID(),
        name: 'orphan',
        source: { kind: 'image', dockerImage: 'snapforge/busybox:latest' },
        fsCapacityBytes: 1024,
        buildTimeoutSeconds: 60,
        requestedAt: new Date().toISOString(),
      },
    };
    await store.append(snapshotStreamName(snapshotId), [{ id: randomUUID(), ...requested }], { expectedRevision: 'no_stream' });

    orchestrator = await bootstrapService('snapshot-orchestrator', AppModule);
    // The orchestrator also requests the server's default snapshot at start-up: two jobs in all.
    const jobs = await queuedJobs(2);
    expect(jobs.filter((job) => job.snapshotId === snapshotId)).toEqual([
      expect.objectContaining({ dockerImage: 'snapforge/busybox:latest', buildTimeoutSeconds: 60 }),
    ]);
    orphanId = snapshotId;
  });

  it('after a restart, resumes from its checkpoint without queueing anything twice', async () => {
    const created = await new RpcClient(nc).request(snapshotRpc.create, {
      workspaceId: randomUUID(),
      name: 'second',
      dockerImage: 'snapforge/busybox:latest',
      fsCapacityBytes: 1024,
    });
    await queuedJobs(3);
    await orchestrator?.close();
    orchestrator = await bootstrapService('snapshot-orchestrator', AppModule);
    // A fourth job would be a duplicate: give the restarted reactor two seconds to (wrongly) queue one.
    const jobs = await queuedJobs(4, 2_000);
    expect(jobs).toHaveLength(3);
    expect(jobs.filter((job) => job.snapshotId === orphanId)).toHaveLength(1);
    expect(jobs.filter((job) => job.snapshotId === created.id)).toEqual([expect.objectContaining({ buildTimeoutSeconds: 600 })]);
  });

  it("queues nothing for a profile job's snapshot, which is recorded as built", async () => {
    const store = await JetStreamEventStore.create(nc);
    const snapshotId = randomUUID();
    const workspaceId = randomUUID();
    const imageRef = 'snapforge/profile-job:spec';
    const requested: SnapshotRequested = {
      type: 'SnapshotRequested',
      data: {
        snapshotId,
        workspaceId,
        name: 'from-a-job',
        source: { kind: 'profile_job', jobId: randomUUID(), imageRef },
        fsCapacityBytes: 1024,
        buildTimeoutSeconds: 60,
        requestedAt: new Date().toISOString(),
      },
    };
    const built: SnapshotBuilt = {
      type: 'SnapshotBuilt',
      data: { snapshotId, workspaceId, imageRef, imageDigest: 'sha256:spec', fsUsedBytes: 1, runConfig: {}, completedAt: new Date().toISOString() },
    };
    await store.append(snapshotStreamName(snapshotId), [{ id: randomUUID(), ...requested }, { id: randomUUID(), ...built }], { expectedRevision: 'no_stream' });
    // Dispatch follows the global order: once a later request's job is queued, the job snapshot's turn has passed.
    const later = await new RpcClient(nc).request(snapshotRpc.create, { workspaceId, name: 'later', dockerImage: 'snapforge/busybox:latest', fsCapacityBytes: 1024 });

    const jobs = await queuedJobs(4);
    expect(jobs.map((job) => job.snapshotId)).toContain(later.id);
    expect(jobs.map((job) => job.snapshotId)).not.toContain(snapshotId);
  });
});
