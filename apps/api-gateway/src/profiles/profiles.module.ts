import { Module } from '@nestjs/common';
import { ProfilesController } from './profiles.controller.js';
import { SnapshotJobsController } from './snapshot-jobs.controller.js';

@Module({
  controllers: [ProfilesController, SnapshotJobsController],
})
export class ProfilesModule {}
