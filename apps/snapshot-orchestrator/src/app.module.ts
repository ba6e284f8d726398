import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';
import { SnapshotsModule } from './snapshots/snapshots.module.js';

@Module({
  imports: [MessagingModule.forRoot('snapshot-orchestrator'), SnapshotsModule],
})
export class AppModule {}
