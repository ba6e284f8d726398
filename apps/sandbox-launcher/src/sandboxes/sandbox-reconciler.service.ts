import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { LAUNCHER_CONFIG, type LauncherConfig } from '../launcher-config.js';
import { LauncherSandboxProjection } from './launcher-sandbox-projection.service.js';
import { LauncherWorkspaceDirectory } from './launcher-workspace-directory.service.js';
import { SandboxHostService } from './sandbox-host.service.js';

/**
 * At start-up, makes the host match the events: containers of sandboxes that were deleted while this
 * launcher was away are removed; ready sandboxes whose containers stopped (a host reboot) run again.
 * Containers of workspaces this installation does not know are someone else's and left alone.
 */
@Injectable()
export class SandboxReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(SandboxReconciler.name);

  constructor(
    @Inject(LAUNCHER_CONFIG) private readonly config: LauncherConfig,
    private readonly projection: LauncherSandboxProjection,
    private readonly workspaces: LauncherWorkspaceDirectory,
    private readonly host: SandboxHostService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const placedHere = new Map(this.projection.model.onHost(this.config.hostId).map((view) => [view.id, view]));
    for (const { sandboxId, workspaceId } of await this.host.containers.list()) {
      if (!this.workspaces.model.get(workspaceId)) continue;
      const view = placedHere.get(sandboxId);
      if (!view) {
        this.logger.log(`removing the container of deleted sandbox ${sandboxId}`);
        await this.host.remove(sandboxId);
      } else if (view.status === 'ready') {
        await this.host.provision({
          sandboxId: view.id,
          workspaceId: view.workspaceId,
          imageRef: view.imageRef,
          imageDigest: '',
          ...(view.vcpus !== undefined ? { vcpus: view.vcpus } : {}),
          ...(view.memBytes !== undefined ? { memBytes: view.memBytes } : {}),
          runConfig: view.runConfig,
          idleTtlSeconds: view.idleTtlSeconds,
        });
      }
    }
  }
}
