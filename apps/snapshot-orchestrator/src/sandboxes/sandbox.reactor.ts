import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { launcherRpc } from '@snapforge/contracts';
import { isSandboxEvent, isSnapshotEvent } from '@snapforge/domain';
import { CHECKPOINT_STORE, CheckpointedReactor, EVENT_STORE, type CheckpointStore, type EventStore, type RecordedEvent } from '@snapforge/event-store';
import { RpcClient } from '@snapforge/messaging';
import { SnapshotsService } from '../snapshots/snapshots.service.js';
import { SandboxProjection } from './sandbox-projection.service.js';
import { SandboxesService } from './sandboxes.service.js';

/**
 * Follows the events for what sandboxes leave to do: a capture requested of a sandbox goes to its
 * host's launcher; a deleted sandbox gives back its name and its reference on the snapshot. At least
 * once, from a checkpoint, so a crash between the event and the reaction only delays it.
 */
@Injectable()
export class SandboxReactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reactor: CheckpointedReactor;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CHECKPOINT_STORE) checkpoints: CheckpointStore,
    private readonly rpc: RpcClient,
    private readonly sandboxes: SandboxProjection,
    private readonly sandboxService: SandboxesService,
    private readonly snapshots: SnapshotsService,
  ) {
    this.reactor = new CheckpointedReactor(store, checkpoints, 'snapshot-orchestrator.sandboxes', (event) => this.react(event));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reactor.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor.stop();
  }

  private async react(event: RecordedEvent): Promise<void> {
    if (isSnapshotEvent(event) && event.type === 'SnapshotRequested' && event.data.source.kind === 'sandbox') {
      const { snapshotId, workspaceId, fsCapacityBytes, runConfig, source } = event.data;
      const sandbox = this.sandboxes.model.get(workspaceId, source.sandboxId);
      if (!sandbox) {
        await this.snapshots.failBuild(snapshotId, `sandbox ${source.sandboxId} is gone: nothing to capture`);
        return;
      }
      await this.rpc.request(launcherRpc(sandbox.hostId).capture, {
        sandboxId: sandbox.id,
        snapshotId,
        workspaceId,
        fsCapacityBytes,
        runConfig: runConfig ?? sandbox.runConfig,
      });
    } else if (isSandboxEvent(event) && event.type === 'SandboxDeleted') {
      const { workspaceId, name, snapshotId, sandboxId, deletedAt } = event.data;
      await this.sandboxService.releaseNameAndReference(workspaceId, name, snapshotId, sandboxId, deletedAt);
    }
  }
}
