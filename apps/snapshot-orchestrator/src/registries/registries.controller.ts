import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { registryRpc, type CreateRegistryRequest, type ListRegistriesRequest, type RegistryRef, type UpdateRegistryRequest } from '@snapforge/contracts';
import { RegistriesService } from './registries.service.js';

@Controller()
export class RegistriesController {
  constructor(private readonly registries: RegistriesService) {}

  @MessagePattern(registryRpc.create.subject)
  create(@Payload() request: CreateRegistryRequest) {
    return this.registries.create(request);
  }

  @MessagePattern(registryRpc.get.subject)
  get(@Payload() ref: RegistryRef) {
    return this.registries.get(ref);
  }

  @MessagePattern(registryRpc.list.subject)
  list(@Payload() request: ListRegistriesRequest) {
    return this.registries.list(request);
  }

  @MessagePattern(registryRpc.update.subject)
  update(@Payload() request: UpdateRegistryRequest) {
    return this.registries.update(request);
  }

  @MessagePattern(registryRpc.delete.subject)
  delete(@Payload() ref: RegistryRef) {
    return this.registries.delete(ref);
  }

  @MessagePattern(registryRpc.credentials.subject)
  credentials(@Payload() ref: RegistryRef) {
    return this.registries.credentials(ref);
  }
}
