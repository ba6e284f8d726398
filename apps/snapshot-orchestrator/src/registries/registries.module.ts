import { Module } from '@nestjs/common';
import { EventStoreModule } from '@snapforge/event-store';
import { RegistriesController } from './registries.controller.js';
import { RegistriesService } from './registries.service.js';
import { RegistryProjection } from './registry-projection.service.js';

@Module({
  imports: [EventStoreModule],
  controllers: [RegistriesController],
  providers: [RegistryProjection, RegistriesService],
})
export class RegistriesModule {}
