import { Module } from '@nestjs/common';
import { EventStoreModule } from '@snapforge/event-store';
import { ORCHESTRATOR_CONFIG, orchestratorConfigFromEnv } from '../orchestrator-config.js';
import { BuildDispatchReactor } from './build-dispatch.reactor.js';
import { BuildWatchdog } from './build-watchdog.service.js';
import { SnapshotMetrics } from './snapshot-metrics.js';
import { SnapshotProjection } from './snapshot-projection.service.js';
import { SnapshotsController } from './snapshots.controller.js';
import { SnapshotsService } from './snapshots.service.js';

@Module({
  imports: [EventStoreModule],
  controllers: [SnapshotsController],
  providers: [
    { provide: ORCHESTRATOR_CONFIG, useFactory: orchestratorConfigFromEnv },
    SnapshotProjection,
    SnapshotsService,
    BuildDispatchReactor,
    BuildWatchdog,
    SnapshotMetrics,
  ],
  exports: [SnapshotsService, SnapshotProjection, ORCHESTRATOR_CONFIG],
})
export class SnapshotsModule {}
