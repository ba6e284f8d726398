import { Module } from '@nestjs/common';
import { ProjectionControlModule } from '@snapforge/event-store';
import { MessagingModule } from '@snapforge/messaging';
import { SchedulesModule } from './schedules/schedules.module.js';

@Module({
  imports: [MessagingModule.forRoot('scheduler'), ProjectionControlModule, SchedulesModule],
})
export class AppModule {}
