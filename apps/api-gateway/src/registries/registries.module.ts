import { Module } from '@nestjs/common';
import { RegistriesController } from './registries.controller.js';

@Module({
  controllers: [RegistriesController],
})
export class RegistriesModule {}
