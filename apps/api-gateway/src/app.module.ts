import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';
import { HealthModule } from './health/health.module.js';

@Module({
  imports: [MessagingModule.forRoot('api-gateway'), HealthModule],
})
export class AppModule {}
