import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';
import { SchedulesModule } from './schedules/schedules.module.js';

@Module({
  imports: [MessagingModule.forRoot('scheduler'), SchedulesModule],
})
export class AppModule {}
