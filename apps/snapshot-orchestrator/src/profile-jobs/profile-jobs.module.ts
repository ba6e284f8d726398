import { Module } from '@nestjs/common';
import { EventStoreModule } from '@snapforge/event-store';
import { SandboxesModule } from '../sandboxes/sandboxes.module.js';
import { SnapshotsModule } from '../snapshots/snapshots.module.js';
import { ProfileJobsController } from './profile-jobs.controller.js';
import { ProfileJobMetrics } from './profile-job-metrics.js';
import { ProfileJobsReactor } from './profile-jobs.reactor.js';
import { ProfileJobsService } from './profile-jobs.service.js';
import { ProfileProjection } from './profile-projection.service.js';

@Module({
  imports: [EventStoreModule, SnapshotsModule, SandboxesModule],
  controllers: [ProfileJobsController],
  providers: [ProfileProjection, ProfileJobsService, ProfileJobsReactor, ProfileJobMetrics],
})
export class ProfileJobsModule {}
