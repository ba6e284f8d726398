import { Module } from '@nestjs/common';
import { EventStoreModule } from '@snapforge/event-store';
import { SnapshotsModule } from '../snapshots/snapshots.module.js';
import { DefaultSnapshot } from './default-snapshot.service.js';
import { LauncherDirectory } from './launcher-directory.service.js';
import { SandboxMetrics } from './sandbox-metrics.js';
import { SandboxProjection } from './sandbox-projection.service.js';
import { SandboxProvisioner } from './sandbox-provisioner.service.js';
import { SandboxReactor } from './sandbox.reactor.js';
import { SandboxRetention } from './sandbox-retention.service.js';
import { SandboxesController } from './sandboxes.controller.js';
import { SandboxesService } from './sandboxes.service.js';

@Module({
  imports: [EventStoreModule, SnapshotsModule],
  controllers: [SandboxesController],
  exports: [SandboxesService],
  providers: [SandboxProjection, LauncherDirectory, DefaultSnapshot, SandboxProvisioner, SandboxesService, SandboxReactor, SandboxRetention, SandboxMetrics],
})
export class SandboxesModule {}
