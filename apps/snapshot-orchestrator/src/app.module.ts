import { Module } from '@nestjs/common';
import { ProjectionControlModule } from '@snapforge/event-store';
import { MessagingModule } from '@snapforge/messaging';
import { ProfileJobsModule } from './profile-jobs/profile-jobs.module.js';
import { RegistriesModule } from './registries/registries.module.js';
import { SandboxesModule } from './sandboxes/sandboxes.module.js';
import { SnapshotsModule } from './snapshots/snapshots.module.js';

@Module({
  imports: [MessagingModule.forRoot('snapshot-orchestrator'), ProjectionControlModule, SnapshotsModule, RegistriesModule, SandboxesModule, ProfileJobsModule],
})
export class AppModule {}
