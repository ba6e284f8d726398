import { Module } from '@nestjs/common';
import { EventStoreModule } from '@snapforge/event-store';
import { ProfileProjection } from './profile-projection.service.js';
import { ProfilesController } from './profiles.controller.js';
import { ProfilesService } from './profiles.service.js';

@Module({
  imports: [EventStoreModule],
  controllers: [ProfilesController],
  providers: [ProfileProjection, ProfilesService],
})
export class ProfilesModule {}
