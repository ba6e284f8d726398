import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { OpsController } from './ops.controller.js';

@Module({
  controllers: [HealthController, OpsController],
  providers: [HealthService],
})
export class HealthModule {}
