import { Module } from '@nestjs/common';
import { EventStoreModule } from '@snapforge/event-store';
import { ProfileProjection } from './profile-projection.service.js';
import { ScheduleTicker } from './schedule-ticker.service.js';

@Module({
  imports: [EventStoreModule],
  providers: [ProfileProjection, ScheduleTicker],
})
export class SchedulesModule {}
