import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { BASE_IMAGE } from '@snapforge/docker';
import type { SnapshotView } from '@snapforge/domain';
import { SYSTEM_WORKSPACE_ID } from '@snapforge/contracts';
import { SnapshotsService } from '../snapshots/snapshots.service.js';

const DEFAULT_SNAPSHOT_NAME = 'default';

/**
 * A box created without a snapshot boots the server's default snapshot, built from the base image
 * (SNAPFORGE_DEFAULT_IMAGE) at start-up. Requested with a fixed idempotency key, so every start
 * (and every replica) names the same snapshot.
 */
@Injectable()
export class DefaultSnapshot implements OnApplicationBootstrap {
  private readonly logger = new Logger(DefaultSnapshot.name);
  private readonly image = process.env.SNAPFORGE_DEFAULT_IMAGE ?? BASE_IMAGE;

  constructor(private readonly snapshots: SnapshotsService) {}

  async onApplicationBootstrap(): Promise<void> {
    const snapshot = await this.ensure();
    this.logger.log(`default snapshot ${snapshot.id} from ${this.image}: ${snapshot.status}`);
  }

  ensure(): Promise<SnapshotView> {
    return this.snapshots.create({
      workspaceId: SYSTEM_WORKSPACE_ID,
      name: DEFAULT_SNAPSHOT_NAME,
      dockerImage: this.image,
      fsCapacityBytes: 64 * 1024 ** 3,
      idempotencyKey: 'default-snapshot',
    });
  }
}
