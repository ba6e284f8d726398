import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUILD_OUTPUT, type BuildJob } from '@snapforge/contracts';
import { isSnapshotEvent } from '@snapforge/domain';
import { CHECKPOINT_STORE, CheckpointedReactor, EVENT_STORE, type CheckpointStore, type EventStore, type RecordedEvent } from '@snapforge/event-store';
import { ensureOutputStream, ensureWorkQueue, NATS_CONNECTION, publishJob } from '@snapforge/messaging';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../orchestrator-config.js';
import { SnapshotsService } from './snapshots.service.js';

/**
 * Follows the snapshot events: a requested snapshot gets its build job queued, a deleted one gets
 * its name released. Driven by a checkpointed subscription, so a crash between the append and the
 * reaction only delays it; the job's message id is the snapshot id, so a replayed dispatch is
 * queued once.
 */
@Injectable()
export class BuildDispatchReactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BuildDispatchReactor.name);
  private readonly reactor: CheckpointedReactor;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CHECKPOINT_STORE) checkpoints: CheckpointStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly snapshots: SnapshotsService,
  ) {
    this.reactor = new CheckpointedReactor(store, checkpoints, 'snapshot-orchestrator.build-dispatch', (event) => this.react(event));
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureWorkQueue(this.nc, this.config.queue);
    await ensureOutputStream(this.nc, BUILD_OUTPUT);
    await this.reactor.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor.stop();
  }

  private async react(event: RecordedEvent): Promise<void> {
    if (!isSnapshotEvent(event)) return;
    if (event.type === 'SnapshotRequested' && event.data.source.kind === 'image') {
      const { snapshotId, workspaceId, fsCapacityBytes, runConfig, buildTimeoutSeconds, source } = event.data;
      const job: BuildJob = {
        snapshotId,
        workspaceId,
        dockerImage: source.dockerImage,
        ...(source.registryId ? { registryId: source.registryId } : {}),
        fsCapacityBytes,
        ...(runConfig ? { runConfig } : {}),
        buildTimeoutSeconds,
      };
      await publishJob(this.nc, this.config.queue, snapshotId, job);
      this.logger.log(`snapshot ${snapshotId}: build of ${source.dockerImage} queued`);
    } else if (event.type === 'SnapshotDeleted') {
      const { workspaceId, name, snapshotId, deletedAt } = event.data;
      await this.snapshots.releaseName(workspaceId, name, snapshotId, deletedAt);
    }
  }
}
