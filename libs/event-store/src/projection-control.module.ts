import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ProjectionControl } from './projection-control.service.js';

/**
 * Live projection control over NATS for every ReadModelProjection of the app: list, dump, rebuild
 * (see ProjectionControl). Import it once in the AppModule; needs MessagingModule.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [ProjectionControl],
})
export class ProjectionControlModule {}
