import { Module } from '@nestjs/common';
import { SnapshotOutputController } from './snapshot-output.controller.js';
import { SnapshotsController } from './snapshots.controller.js';

@Module({
  controllers: [SnapshotsController, SnapshotOutputController],
})
export class SnapshotsModule {}
