import { Module } from '@nestjs/common';
import { EventStoreModule } from '@snapforge/event-store';
import { EventFeedService } from './event-feed.service.js';
import { EventsController } from './events.controller.js';

@Module({
  imports: [EventStoreModule],
  controllers: [EventsController],
  providers: [EventFeedService],
})
export class EventsModule {}
