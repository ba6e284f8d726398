import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';
import { RegistriesModule } from './registries/registries.module.js';
import { SandboxesModule } from './sandboxes/sandboxes.module.js';
import { SnapshotsModule } from './snapshots/snapshots.module.js';

@Module({
  imports: [MessagingModule.forRoot('snapshot-orchestrator'), SnapshotsModule, RegistriesModule, SandboxesModule],
})
export class AppModule {}
